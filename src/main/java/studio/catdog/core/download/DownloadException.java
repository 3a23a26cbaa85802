package studio.catdog.core.download;

import studio.catdog.core.CatdogException;

/**
 * A download that failed, with the reason as a value, so callers can add the right advice (offline:
 * name what works without the network) to the plain message.
 */
public final class DownloadException extends CatdogException {
    private static final long serialVersionUID = 1L;

    /** Why a download failed. */
    public enum Reason {
        /** No connection could be made: no network, the name does not resolve, nothing listens. */
        UNREACHABLE,
        /** Downloads are switched off on this machine (offline mode). */
        OFFLINE,
        /** The server has no such file (404 or 410). */
        NOT_FOUND,
        /** The server refused or failed with another status. */
        REFUSED,
        /** The server stopped sending and did not resume within the time limit. */
        STALLED,
        /** The connection kept dropping; the retries ran out. */
        CUT,
        /** The address is not one this app downloads from (not https). */
        NOT_ALLOWED,
        /** The bytes are not the expected file (size or checksum). */
        WRONG_FILE,
        /** Writing the file failed (disk full, no permission). */
        DISK
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message the plain message for the user
     * @param cause the technical cause, or null
     */
    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }
}

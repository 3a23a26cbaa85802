package studio.catdog.core.sample;

import studio.catdog.core.CatdogException;

/** The downloaded file is not the expected archive, or is damaged: it is deleted and nothing is unpacked from it. */
final class BadArchiveException extends CatdogException {
    private static final long serialVersionUID = 1L;

    BadArchiveException(String message) {
        super(message);
    }

    BadArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}

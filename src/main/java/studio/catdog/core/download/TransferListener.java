package studio.catdog.core.download;

/**
 * Receives download progress on the downloading thread, after every chunk (often: coalesce before
 * touching a UI).
 */
@FunctionalInterface
public interface TransferListener {

    /** Ignores progress. */
    TransferListener NONE = (done, total) -> {};

    /**
     * Called as bytes arrive.
     *
     * @param bytesDone bytes of the file on disk so far (a resumed download starts above 0)
     * @param bytesTotal the file's size, or -1 while unknown
     */
    void progress(long bytesDone, long bytesTotal);
}

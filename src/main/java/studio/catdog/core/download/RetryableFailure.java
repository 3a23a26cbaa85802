package studio.catdog.core.download;

/** A try that failed in a way the next try may fix (a cut, a stall, a busy server). */
final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient DownloadException failure;

    RetryableFailure(DownloadException failure) {
        super(failure.getMessage(), null, false, false);
        this.failure = failure;
    }

    /** @return what to report when no try is left */
    DownloadException failure() {
        return failure;
    }
}

package studio.catdog.serve;

/**
 * An answer other than success, in plain words: the server turns it into the status code and
 * {@code {"error": message}}, never a stack trace.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int retryAfterSeconds;

    /**
     * @param status the HTTP status code
     * @param message the reason, for the client
     */
    ApiException(int status, String message) {
        this(status, message, -1);
    }

    /**
     * @param status the HTTP status code
     * @param message the reason, for the client
     * @param retryAfterSeconds sent as {@code Retry-After}; negative for none
     */
    ApiException(int status, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return the HTTP status code */
    int status() {
        return status;
    }

    /** @return the {@code Retry-After} seconds, or negative for none */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

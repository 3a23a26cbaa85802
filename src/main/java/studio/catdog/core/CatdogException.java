package studio.catdog.core;

/**
 * A failure caused by the user's input or environment (a wrong folder, a broken model file, no
 * network), carrying a message written for the user. Callers show {@link #getMessage()} as it is,
 * without a stack trace.
 */
public class CatdogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a plain-language explanation for the user
     */
    public CatdogException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its technical cause.
     *
     * @param message a plain-language explanation for the user
     * @param cause the underlying failure, for the log
     */
    public CatdogException(String message, Throwable cause) {
        super(message, cause);
    }
}

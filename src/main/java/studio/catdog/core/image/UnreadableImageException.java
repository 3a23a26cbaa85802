package studio.catdog.core.image;

import studio.catdog.core.CatdogException;

/** An image file that cannot be used, with the reason in plain words as its message. */
public final class UnreadableImageException extends CatdogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why the file cannot be used
     */
    public UnreadableImageException(String reason) {
        super(reason);
    }

    /**
     * Creates the exception with its technical cause.
     *
     * @param reason why the file cannot be used
     * @param cause the decoder's failure
     */
    public UnreadableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

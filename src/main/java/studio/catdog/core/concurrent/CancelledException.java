package studio.catdog.core.concurrent;

/**
 * Thrown inside long work when the user cancelled it. DJL's {@code EasyTrain.fit} has no other way
 * to stop, so the training listener throws this and the service catches it.
 */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CancelledException() {
        super("Cancelled by the user", null, false, false);
    }
}

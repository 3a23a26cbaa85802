package studio.catdog.core.service;

/**
 * Receives the service's state changes. Called on the model worker thread; implementations hand
 * the values over to their own thread and return quickly.
 */
@FunctionalInterface
public interface ServiceListener {

    /**
     * The state changed.
     *
     * @param state the new state
     * @param message a short plain description (the error for {@link ServiceState#FAILED})
     */
    void onStateChanged(ServiceState state, String message);
}

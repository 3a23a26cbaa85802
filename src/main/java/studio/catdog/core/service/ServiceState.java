package studio.catdog.core.service;

/** What the model service is doing. */
public enum ServiceState {
    /** Nothing loaded, nothing running. */
    IDLE,
    /** Loading a backbone or a model, or scanning a folder. */
    LOADING,
    /** Computing features. */
    EXTRACTING,
    /** Training the head. */
    TRAINING,
    /** Evaluating on the test split. */
    EVALUATING,
    /** A model is loaded and can predict. */
    READY,
    /** The last job failed; the message says why. The service still accepts work. */
    FAILED;

    /** @return whether a long job is running */
    public boolean isBusy() {
        return this == LOADING || this == EXTRACTING || this == TRAINING || this == EVALUATING;
    }
}

package studio.catdog.core.training;

/** The stages of a training run, in order. */
public enum Phase {
    /** Loading the backbone (and downloading it the first time). */
    LOADING_BACKBONE,
    /** Computing (or reading cached) features of every image. */
    EXTRACTING,
    /** Training the head on the features. */
    TRAINING,
    /** Measuring the trained model on the test images. */
    EVALUATING
}

package studio.catdog.core.training;

/** The stages of a training run, in order. */
public enum Phase {
    /** Loading the backbone. */
    LOADING_BACKBONE,
    /** Downloading a pinned backbone the first time it is used; done and total count kilobytes. */
    DOWNLOADING_BACKBONE,
    /** Computing (or reading cached) features of every image. */
    EXTRACTING,
    /** Training the head on the features. */
    TRAINING,
    /** Measuring the trained model on the test images. */
    EVALUATING
}

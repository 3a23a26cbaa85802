package studio.catdog.core.dataset;

/** Which part of a data set an image belongs to. */
public enum Split {
    /** Used to train the head (a validation part is taken from it during training). */
    TRAIN,
    /** Held out; used only to evaluate. */
    TEST
}

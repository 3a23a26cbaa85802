package studio.catdog.core.training;

/** The optimizers offered for training the head. */
public enum OptimizerKind {
    /** Adam: robust default for a linear head on standardised features. */
    ADAM,
    /** Stochastic gradient descent with momentum 0.9. */
    SGD
}

package studio.catdog.core.storage;

/**
 * One finished training run, kept when a model is trained further.
 *
 * @param createdAt when it finished
 * @param training its settings and curves
 * @param metrics its test results
 */
public record ManifestRun(String createdAt, ManifestTraining training, ManifestMetrics metrics) {}

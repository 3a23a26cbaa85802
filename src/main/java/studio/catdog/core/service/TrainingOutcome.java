package studio.catdog.core.service;

import java.util.List;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainingStop;

/**
 * The result of a training run.
 *
 * @param backbone the backbone used
 * @param device the device used, in words
 * @param trainImages training images with features (validation part included)
 * @param testImages test images evaluated
 * @param skipped every file that could not be used (scan and decoding)
 * @param featureSeconds time spent getting features (backbone or cache)
 * @param featuresFromCache how many feature vectors came from the cache
 * @param trainSeconds time spent training the head
 * @param history per-epoch metrics
 * @param evaluation test results, or null when the data set has no test images (measured with the
 *     kept epoch's weights)
 * @param stop the epochs trained and the epoch kept (early stopping)
 */
public record TrainingOutcome(
        BackboneInfo backbone,
        String device,
        int trainImages,
        int testImages,
        List<SkippedFile> skipped,
        double featureSeconds,
        int featuresFromCache,
        double trainSeconds,
        List<EpochMetrics> history,
        EvaluationReport evaluation,
        TrainingStop stop) {

    /** Copies the lists. */
    public TrainingOutcome {
        skipped = List.copyOf(skipped);
        history = List.copyOf(history);
    }

    /**
     * How fast the backbone computed features in this run, for "speed on this machine": images it
     * computed (not read from the feature cache) per second of feature time.
     *
     * @return images per second; NaN when too few were computed to say
     */
    public double extractionImagesPerSecond() {
        int computed = trainImages + testImages - featuresFromCache;
        return computed >= 8 && featureSeconds > 0 ? computed / featureSeconds : Double.NaN;
    }

    /** @return the test accuracy, NaN without test images */
    public double testAccuracy() {
        return evaluation == null ? Double.NaN : evaluation.accuracy();
    }
}

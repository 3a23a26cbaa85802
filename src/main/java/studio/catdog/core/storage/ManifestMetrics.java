package studio.catdog.core.storage;

import java.util.Map;

/**
 * The test metrics recorded in {@code model.json}.
 *
 * @param testImages images evaluated
 * @param testAccuracy accuracy
 * @param rocAuc ROC AUC (two classes)
 * @param perClassF1 F1 per class
 * @param eceBeforeCalibration expected calibration error on the test split without temperature scaling
 * @param ece expected calibration error with it
 */
public record ManifestMetrics(
        int testImages,
        Double testAccuracy,
        Double rocAuc,
        Map<String, Double> perClassF1,
        Double eceBeforeCalibration,
        Double ece) {}

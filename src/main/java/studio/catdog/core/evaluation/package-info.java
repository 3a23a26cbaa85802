/**
 * Metrics of a trained model on labelled images: accuracy, per-class precision and recall, the confusion matrix,
 * ROC, misclassified images, and calibration (temperature scaling, reliability, ECE). Plain values and math, no
 * engine; depends on no other core package.
 */
package studio.catdog.core.evaluation;

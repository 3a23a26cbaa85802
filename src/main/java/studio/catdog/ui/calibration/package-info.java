/**
 * The Calibration workspace: reliability before and after temperature scaling, and the ROC curve with a
 * threshold that updates the confusion matrix. Depends on {@code core.evaluation} and {@code ui.common}.
 */
package studio.catdog.ui.calibration;

package studio.catdog.ui.runs;

import java.util.List;
import studio.catdog.ui.training.CurvePoint;

/**
 * One past training run, as the Runs view lists it.
 *
 * @param number 1 for the first run of the model
 * @param date when it finished, local time
 * @param epochs the epoch limit
 * @param epochsRun epochs trained (fewer than {@code epochs} when training stopped early)
 * @param bestEpoch the epoch with the lowest validation loss, 0 when unknown
 * @param learningRate learning rate
 * @param optimizer optimizer name
 * @param trainLoss the kept epoch's training loss (the last epoch in models saved before early
 *     stopping), NaN when unknown
 * @param validationLoss the kept epoch's validation loss, NaN when unknown
 * @param testAccuracy test accuracy, NaN when unknown
 * @param ece expected calibration error after temperature scaling, NaN when unknown
 * @param validationCurve validation loss per epoch
 */
public record PastRun(
        int number,
        String date,
        int epochs,
        int epochsRun,
        int bestEpoch,
        double learningRate,
        String optimizer,
        double trainLoss,
        double validationLoss,
        double testAccuracy,
        double ece,
        List<CurvePoint> validationCurve) {}

package studio.catdog.ui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.ui.common.Messages;

/**
 * The curves of one training run: batch loss (raw and smoothed, decimated for drawing) and the
 * per-epoch training loss, validation loss and validation accuracy, and the marker of the epoch with
 * the lowest validation loss, with its number and legend text. Changed on the UI thread only,
 * one list change per curve per coalesced update. No Nodes.
 */
final class TrainingCurves {

    /** Weight of the newest batch in the smoothed loss (exponential moving average). */
    static final double SMOOTHING = 0.1;

    private final DecimatedCurve batchLoss = new DecimatedCurve();
    private final DecimatedCurve smoothedLoss = new DecimatedCurve();
    private final ObservableList<CurvePoint> trainLoss = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> validationLoss = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> validationAccuracy = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> bestEpochMarker = FXCollections.observableArrayList();
    private double smoothed = Double.NaN;
    private int bestEpoch;
    // bestEpoch as a property, published after the curves and the marker have changed
    private final ReadOnlyIntegerWrapper bestEpochShown = new ReadOnlyIntegerWrapper(this, "bestEpoch");
    private final ReadOnlyStringWrapper bestEpochLabel =
            new ReadOnlyStringWrapper(this, "bestEpochLabel", Messages.get("training.bestEpoch"));

    TrainingCurves() {
        bestEpochShown.addListener((o, a, b) -> bestEpochLabel.set(
                b.intValue() > 0
                        ? Messages.get("training.bestEpochN", b.intValue())
                        : Messages.get("training.bestEpoch")));
    }

    /** Points gathered from one coalesced batch of events, added with one change per curve. */
    final class Update {
        private final List<CurvePoint> raw = new ArrayList<>();
        private final List<CurvePoint> smooth = new ArrayList<>();
        private final List<CurvePoint> tLoss = new ArrayList<>();
        private final List<CurvePoint> vLoss = new ArrayList<>();
        private final List<CurvePoint> vAcc = new ArrayList<>();
        private int best = -1;

        void batch(int epoch, int batch, int perEpoch, double loss) {
            double step = (epoch - 1) + (double) batch / perEpoch;
            smoothed = Double.isNaN(smoothed) ? loss : SMOOTHING * loss + (1 - SMOOTHING) * smoothed;
            raw.add(new CurvePoint(step, loss));
            smooth.add(new CurvePoint(step, smoothed));
        }

        void epoch(EpochMetrics m) {
            tLoss.add(new CurvePoint(m.epoch(), m.trainLoss()));
            if (!Double.isNaN(m.validationLoss())) {
                vLoss.add(new CurvePoint(m.epoch(), m.validationLoss()));
                vAcc.add(new CurvePoint(m.epoch(), m.validationAccuracy()));
            }
            best = m.bestEpoch();
        }

        void apply() {
            batchLoss.addAll(raw);
            smoothedLoss.addAll(smooth);
            trainLoss.addAll(tLoss);
            validationLoss.addAll(vLoss);
            validationAccuracy.addAll(vAcc);
            if (best >= 0) {
                bestEpoch = best;
            }
            List<CurvePoint> marker = marker();
            if (!marker.equals(bestEpochMarker)) {
                bestEpochMarker.setAll(marker);
            }
            bestEpochShown.set(bestEpoch);
        }
    }

    /**
     * The best-epoch marker: a vertical line at that epoch from 0 to the highest per-epoch value
     * drawn, so it crosses the whole chart (the validation loss alone spans a few pixels beside
     * accuracies near 1). Empty without a best epoch.
     */
    private List<CurvePoint> marker() {
        if (bestEpoch <= 0) {
            return List.of();
        }
        double top = 0;
        for (List<CurvePoint> curve : List.of(trainLoss, validationLoss, validationAccuracy)) {
            for (CurvePoint p : curve) {
                top = Math.max(top, p.y());
            }
        }
        return List.of(new CurvePoint(bestEpoch, 0), new CurvePoint(bestEpoch, top));
    }

    /** @return a new update to fill and {@link Update#apply()} */
    Update update() {
        return new Update();
    }

    void clear() {
        batchLoss.clear();
        smoothedLoss.clear();
        trainLoss.clear();
        validationLoss.clear();
        validationAccuracy.clear();
        bestEpochMarker.clear();
        smoothed = Double.NaN;
        bestEpoch = 0;
        bestEpochShown.set(0);
    }

    /**
     * Shows a saved run's per-epoch curves, from its model folder's history (a saved model keeps no per-batch losses,
     * so the batch curves stay empty), with its best epoch.
     *
     * @param history the run's per-epoch rows ({@code epoch}, {@code trainLoss}, {@code validationLoss},
     *     {@code validationAccuracy}; missing values are left out)
     * @param best the run's best epoch, 0 when unknown
     */
    void showSaved(List<Map<String, Double>> history, int best) {
        clear();
        List<CurvePoint> t = new ArrayList<>();
        List<CurvePoint> vl = new ArrayList<>();
        List<CurvePoint> va = new ArrayList<>();
        for (Map<String, Double> row : history) {
            Double epoch = row.get("epoch");
            if (epoch == null) {
                continue;
            }
            add(t, epoch, row.get("trainLoss"));
            add(vl, epoch, row.get("validationLoss"));
            add(va, epoch, row.get("validationAccuracy"));
        }
        trainLoss.setAll(t);
        validationLoss.setAll(vl);
        validationAccuracy.setAll(va);
        bestEpoch = vl.isEmpty() ? 0 : best;
        bestEpochMarker.setAll(marker());
        bestEpochShown.set(bestEpoch);
    }

    private static void add(List<CurvePoint> curve, double x, Double y) {
        if (y != null && !y.isNaN()) {
            curve.add(new CurvePoint(x, y));
        }
    }

    CurvesSnapshot snapshot() {
        return new CurvesSnapshot(
                List.copyOf(batchLoss.all()),
                List.copyOf(smoothedLoss.all()),
                List.copyOf(trainLoss),
                List.copyOf(validationLoss),
                List.copyOf(validationAccuracy),
                smoothed,
                List.copyOf(bestEpochMarker),
                bestEpoch);
    }

    void restore(CurvesSnapshot s) {
        batchLoss.clear();
        batchLoss.addAll(s.batch());
        smoothedLoss.clear();
        smoothedLoss.addAll(s.smooth());
        trainLoss.setAll(s.train());
        validationLoss.setAll(s.vLoss());
        validationAccuracy.setAll(s.vAcc());
        bestEpochMarker.setAll(s.marker());
        smoothed = s.smoothed();
        bestEpoch = s.bestEpoch();
        bestEpochShown.set(bestEpoch);
    }

    DecimatedCurve batchLoss() {
        return batchLoss;
    }

    DecimatedCurve smoothedLoss() {
        return smoothedLoss;
    }

    ObservableList<CurvePoint> trainLoss() {
        return trainLoss;
    }

    ObservableList<CurvePoint> validationLoss() {
        return validationLoss;
    }

    ObservableList<CurvePoint> validationAccuracy() {
        return validationAccuracy;
    }

    /** @return the best-epoch marker's two points, empty before a run with validation */
    ObservableList<CurvePoint> bestEpochMarker() {
        return bestEpochMarker;
    }

    /**
     * @return the epoch with the lowest validation loss so far, 0 when none; it changes after the
     *     curves and the marker of an update, a clear or a restore
     */
    ReadOnlyIntegerProperty bestEpochProperty() {
        return bestEpochShown.getReadOnlyProperty();
    }

    /** @return the legend text of the best-epoch marker, "Best epoch 3" */
    ReadOnlyStringProperty bestEpochLabelProperty() {
        return bestEpochLabel.getReadOnlyProperty();
    }
}

package studio.catdog.ui.calibration;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.evaluation.CalibrationBin;
import studio.catdog.core.evaluation.CalibrationReport;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.TemperatureChoice;
import studio.catdog.core.evaluation.ThresholdPoint;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.training.CurvePoint;

/**
 * How far the probabilities can be trusted, from the last evaluation: the reliability diagram
 * before and after temperature scaling with ECE and the temperature, and for two classes the ROC
 * curve with a decision threshold whose confusion matrix updates as it moves. No Nodes; tested
 * without a toolkit.
 */
public final class CalibrationViewModel {

    /** The most ROC points drawn (a test set of thousands has one point per distinct score). */
    public static final int MAX_CURVE_POINTS = 400;

    private final Session session;
    private final ObservableList<CurvePoint> reliabilityBefore = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> reliabilityAfter = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> roc = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper calibrationText = new ReadOnlyStringWrapper(this, "calibrationText", "");
    private final ReadOnlyBooleanWrapper twoClasses = new ReadOnlyBooleanWrapper(this, "twoClasses");
    private final ReadOnlyBooleanWrapper scalingUsed = new ReadOnlyBooleanWrapper(this, "scalingUsed");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.5);
    private final ReadOnlyObjectWrapper<int[][]> confusion = new ReadOnlyObjectWrapper<>(this, "confusion");
    private final ReadOnlyObjectWrapper<CurvePoint> operatingPoint =
            new ReadOnlyObjectWrapper<>(this, "operatingPoint");
    private final ReadOnlyStringWrapper thresholdText = new ReadOnlyStringWrapper(this, "thresholdText", "");
    private final ReadOnlyStringWrapper rocTitle =
            new ReadOnlyStringWrapper(this, "rocTitle", Messages.get("calibration.rocTitle"));

    /**
     * @param session holds the evaluation shown
     */
    public CalibrationViewModel(Session session) {
        this.session = session;
        session.evaluationProperty().addListener((o, a, r) -> show(r));
        threshold.addListener((o, a, t) -> updateThreshold());
        show(session.evaluationProperty().get());
    }

    /**
     * What was measured, in words: the validation images' calibration error before and after temperature
     * scaling (the choice is made there), whether scaling is used, and the test images' error as used.
     *
     * @param c the calibration measurement
     * @param testImages the test images evaluated
     * @return the text
     */
    static String calibrationWords(CalibrationReport c, int testImages) {
        String test = Messages.get(
                "calibration.test",
                testImages,
                Formats.percent(c.eceBefore()),
                Formats.percent(c.eceAfter()),
                CalibrationReport.BINS);
        TemperatureChoice v = c.validation();
        if (v == null) {
            return (c.temperature() == 1.0
                            ? Messages.get("calibration.off")
                            : Messages.get("calibration.onFromFile", Formats.decimal(c.temperature(), 2)))
                    + " " + test;
        }
        String fitted = Formats.decimal(v.fitted(), 2);
        String validation = v.tooFewImages()
                ? Messages.get("calibration.tooFew", v.images(), TemperatureChoice.MIN_IMAGES)
                : v.kept()
                        ? Messages.get(
                                "calibration.kept",
                                v.images(),
                                Formats.percent(v.eceBefore()),
                                Formats.percent(v.eceAfter()),
                                fitted)
                        : Messages.get(
                                "calibration.notKept",
                                v.images(),
                                Formats.percent(v.eceBefore()),
                                Formats.percent(v.eceAfter()),
                                fitted);
        return validation + " " + test;
    }

    private void show(EvaluationReport r) {
        CalibrationReport c = r == null ? null : r.calibration();
        reliabilityBefore.setAll(c == null ? List.of() : points(c.before()));
        reliabilityAfter.setAll(c == null ? List.of() : points(c.after()));
        scalingUsed.set(c != null && scalingUsed(c));
        if (r == null) {
            calibrationText.set(Messages.get("calibration.noEvaluation"));
        } else if (c == null) {
            calibrationText.set(Messages.get("calibration.noMeasurement"));
        } else {
            calibrationText.set(calibrationWords(c, r.images()));
        }
        boolean two = r != null && r.classes().size() == 2 && r.labels().length > 0;
        twoClasses.set(two);
        roc.setAll(two ? decimate(r.curve()) : List.of());
        rocTitle.set(
                two
                        ? Messages.get(
                                "calibration.rocTitlePositive", r.classes().get(1))
                        : Messages.get("calibration.rocTitleTwoClassOnly"));
        updateThreshold();
    }

    private static List<CurvePoint> points(List<CalibrationBin> bins) {
        return bins.stream()
                .filter(b -> b.count() > 0)
                .map(b -> new CurvePoint(b.meanConfidence(), b.accuracy()))
                .toList();
    }

    /** Keeps at most {@link #MAX_CURVE_POINTS} evenly spaced points, always the first and last. */
    static List<CurvePoint> decimate(List<ThresholdPoint> curve) {
        List<CurvePoint> out = new ArrayList<>();
        int n = curve.size();
        if (n == 0) {
            return out;
        }
        double step = Math.max(1, (n - 1) / (double) (MAX_CURVE_POINTS - 1));
        for (double i = 0; Math.round(i) < n; i += step) {
            ThresholdPoint p = curve.get((int) Math.round(i));
            out.add(new CurvePoint(p.falsePositiveRate(), p.truePositiveRate()));
        }
        ThresholdPoint last = curve.get(n - 1);
        CurvePoint end = new CurvePoint(last.falsePositiveRate(), last.truePositiveRate());
        if (!out.get(out.size() - 1).equals(end)) {
            out.add(end);
        }
        return out;
    }

    private void updateThreshold() {
        EvaluationReport r = session.evaluationProperty().get();
        if (r == null || !twoClasses.get()) {
            confusion.set(r == null ? null : r.confusion());
            operatingPoint.set(null);
            thresholdText.set(r == null ? "" : Messages.get("calibration.twoClassOnly"));
            return;
        }
        double t = threshold.get();
        int[][] m = r.confusionAt(t);
        confusion.set(m);
        double negatives = m[0][0] + m[0][1];
        double positives = m[1][0] + m[1][1];
        double fpr = negatives == 0 ? 0 : m[0][1] / negatives;
        double tpr = positives == 0 ? 0 : m[1][1] / positives;
        double answeredPositive = m[0][1] + m[1][1];
        double precision = answeredPositive == 0 ? 1 : m[1][1] / answeredPositive;
        double accuracy = (m[0][0] + m[1][1]) / Math.max(1, negatives + positives);
        operatingPoint.set(new CurvePoint(fpr, tpr));
        String pos = r.classes().get(1);
        thresholdText.set(Messages.get(
                "calibration.thresholdText",
                pos,
                Formats.decimal(t, 2),
                Formats.percent(accuracy),
                Formats.decimal(precision, 3),
                Formats.decimal(tpr, 3),
                Formats.percent(fpr),
                r.classes().get(0)));
    }

    /** @return accuracy against mean confidence per bin, without temperature scaling */
    public ObservableList<CurvePoint> reliabilityBefore() {
        return reliabilityBefore;
    }

    /** @return accuracy against mean confidence per bin, with temperature scaling */
    public ObservableList<CurvePoint> reliabilityAfter() {
        return reliabilityAfter;
    }

    /** @return the ROC curve (false positive rate, true positive rate), at most {@link #MAX_CURVE_POINTS} points */
    public ObservableList<CurvePoint> roc() {
        return roc;
    }

    /** @return temperature and ECE before and after, in words */
    public ReadOnlyStringProperty calibrationTextProperty() {
        return calibrationText.getReadOnlyProperty();
    }

    /**
     * @return whether temperature scaling is used: there is an "after scaling" curve to show beside the model's own
     *     (with T = 1 the two are one curve)
     */
    public ReadOnlyBooleanProperty scalingUsedProperty() {
        return scalingUsed.getReadOnlyProperty();
    }

    /** Whether the probabilities shown are scaled: as the validation measurement decided, else as saved. */
    private static boolean scalingUsed(CalibrationReport c) {
        TemperatureChoice v = c.validation();
        return v == null ? c.temperature() != 1.0 : !v.tooFewImages() && v.kept();
    }

    /** @return whether the threshold and ROC curve apply (two classes, per-image data) */
    public ReadOnlyBooleanProperty twoClassesProperty() {
        return twoClasses.getReadOnlyProperty();
    }

    /** @return the threshold on the second class's probability */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** @return the confusion matrix at the threshold, {@code [true][predicted]}; null without an evaluation */
    public ReadOnlyObjectProperty<int[][]> confusionProperty() {
        return confusion.getReadOnlyProperty();
    }

    /** @return the threshold's point on the ROC curve, null when none */
    public ReadOnlyObjectProperty<CurvePoint> operatingPointProperty() {
        return operatingPoint.getReadOnlyProperty();
    }

    /** @return what the threshold means, in words */
    public ReadOnlyStringProperty thresholdTextProperty() {
        return thresholdText.getReadOnlyProperty();
    }

    /** @return the ROC chart's title */
    public ReadOnlyStringProperty rocTitleProperty() {
        return rocTitle.getReadOnlyProperty();
    }

    /** @return the class names of the evaluation shown, empty when none */
    public List<String> classes() {
        EvaluationReport r = session.evaluationProperty().get();
        return r == null ? List.of() : r.classes();
    }
}

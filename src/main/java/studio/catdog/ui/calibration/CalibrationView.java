package studio.catdog.ui.calibration;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.training.CurvePoint;

/** The calibration workspace: binds {@link CalibrationViewModel} to CalibrationView.fxml. */
public final class CalibrationView {

    private static final List<CurvePoint> DIAGONAL = List.of(new CurvePoint(0, 0), new CurvePoint(1, 1));

    private final CalibrationViewModel vm;

    @FXML
    private Label calibrationLabel;

    @FXML
    private Slider thresholdSlider;

    @FXML
    private Label thresholdValue;

    @FXML
    private Label thresholdText;

    @FXML
    private GridPane confusionGrid;

    @FXML
    private LineChart<Number, Number> reliabilityChart;

    @FXML
    private LineChart<Number, Number> rocChart;

    @FXML
    private NumberAxis confidenceAxis;

    /** @param vm the ViewModel */
    public CalibrationView(CalibrationViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        calibrationLabel.textProperty().bind(vm.calibrationTextProperty());
        thresholdSlider.valueProperty().bindBidirectional(vm.thresholdProperty());
        thresholdSlider.disableProperty().bind(vm.twoClassesProperty().not());
        thresholdValue
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Formats.decimal(vm.thresholdProperty().get(), 2), vm.thresholdProperty()));
        thresholdText.textProperty().bind(vm.thresholdTextProperty());
        XYChart.Series<Number, Number> before =
                series(Messages.get("calibration.series.before"), vm.reliabilityBefore());
        XYChart.Series<Number, Number> after = series(Messages.get("calibration.series.after"), vm.reliabilityAfter());
        XYChart.Series<Number, Number> perfect = fixed(Messages.get("calibration.series.perfect"), DIAGONAL);
        showReliability(before, after, perfect);
        vm.scalingUsedProperty().addListener((o, a, used) -> showReliability(before, after, perfect));
        XYChart.Series<Number, Number> point = new XYChart.Series<>();
        point.setName(Messages.get("calibration.series.threshold"));
        rocChart.getData()
                .setAll(List.of(
                        series(Messages.get("calibration.series.roc"), vm.roc()),
                        fixed(Messages.get("calibration.series.chance"), DIAGONAL),
                        point));
        rocChart.titleProperty().bind(vm.rocTitleProperty());
        vm.operatingPointProperty().addListener((o, a, p) -> showPoint(point, p));
        showPoint(point, vm.operatingPointProperty().get());
        vm.reliabilityBefore().addListener((ListChangeListener<CurvePoint>) c -> fitConfidenceAxis());
        fitConfidenceAxis();
        vm.confusionProperty().addListener((o, a, m) -> showConfusion(m));
        showConfusion(vm.confusionProperty().get());
    }

    /**
     * With temperature scaling off, "before" and "after" are one curve: it is shown once, named as the model's own
     * probabilities, so that the legend never names a scaling that is not used.
     */
    private void showReliability(
            XYChart.Series<Number, Number> before,
            XYChart.Series<Number, Number> after,
            XYChart.Series<Number, Number> perfect) {
        boolean used = vm.scalingUsedProperty().get();
        before.setName(used ? Messages.get("calibration.series.before") : Messages.get("calibration.series.model"));
        reliabilityChart.getData().setAll(used ? List.of(before, after, perfect) : List.of(before, perfect));
    }

    /** The top class's probability is at least 1 / classes: start the axis there (0.5 for two). */
    private void fitConfidenceAxis() {
        int n = Math.max(2, vm.classes().size());
        confidenceAxis.setLowerBound(Math.floor(10.0 / n) / 10);
    }

    private static XYChart.Series<Number, Number> series(String name, ObservableList<CurvePoint> points) {
        XYChart.Series<Number, Number> s = fixed(name, points);
        points.addListener((ListChangeListener<CurvePoint>) c -> s.getData().setAll(data(points)));
        return s;
    }

    private static XYChart.Series<Number, Number> fixed(String name, List<CurvePoint> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().setAll(data(points));
        return s;
    }

    private static List<XYChart.Data<Number, Number>> data(List<CurvePoint> points) {
        return points.stream()
                .map(p -> new XYChart.Data<Number, Number>(p.x(), p.y()))
                .toList();
    }

    private static void showPoint(XYChart.Series<Number, Number> series, CurvePoint p) {
        if (p == null) {
            series.getData().clear();
            return;
        }
        if (series.getData().isEmpty()) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.x(), p.y());
            Region dot = new Region();
            dot.getStyleClass().add("operating-point");
            d.setNode(dot);
            series.getData().add(d);
        } else {
            series.getData().get(0).setXValue(p.x());
            series.getData().get(0).setYValue(p.y());
        }
    }

    private void showConfusion(int[][] m) {
        confusionGrid.getChildren().clear();
        List<String> classes = vm.classes();
        if (m == null || classes.size() != m.length) {
            Label none = new Label(Messages.get("common.noEvaluation"));
            none.getStyleClass().add("text-muted");
            confusionGrid.add(none, 0, 0);
            return;
        }
        Label corner = new Label(Messages.get("common.matrixCorner"));
        corner.getStyleClass().add("text-small");
        confusionGrid.add(corner, 0, 0);
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        for (int j = 0; j < m.length; j++) {
            Label h = new Label(classes.get(j));
            h.getStyleClass().add("matrix-header");
            GridPane.setHalignment(h, HPos.CENTER);
            confusionGrid.add(h, j + 1, 0);
        }
        for (int i = 0; i < m.length; i++) {
            Label rowHead = new Label(classes.get(i));
            rowHead.getStyleClass().add("matrix-header");
            confusionGrid.add(rowHead, 0, i + 1);
            for (int j = 0; j < m.length; j++) {
                Label cell = new Label(Integer.toString(m[i][j]));
                cell.setId("confusion-" + i + "-" + j);
                cell.getStyleClass().addAll("matrix-cell", i == j ? "correct" : "wrong");
                cell.setMinSize(72, 40);
                cell.setAlignment(Pos.CENTER);
                String base = i == j ? "46,160,67" : "207,34,46";
                cell.setStyle(String.format(
                        Locale.ROOT,
                        "-fx-background-color: rgba(%s,%.2f); -fx-background-radius: 4;",
                        base,
                        0.12 + 0.6 * m[i][j] / max));
                confusionGrid.add(cell, j + 1, i + 1);
            }
        }
    }
}

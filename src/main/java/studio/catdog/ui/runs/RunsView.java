package studio.catdog.ui.runs;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.ChartAxes;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TableHeaders;

/** The runs of the current model: binds {@link RunsViewModel} to RunsView.fxml. */
public final class RunsView {

    private final RunsViewModel vm;

    @FXML
    private TableView<PastRun> runsTable;

    @FXML
    private TableColumn<PastRun, String> runNumber;

    @FXML
    private TableColumn<PastRun, String> runDate;

    @FXML
    private TableColumn<PastRun, String> runEpochs;

    @FXML
    private TableColumn<PastRun, String> runBestEpoch;

    @FXML
    private TableColumn<PastRun, String> runLearningRate;

    @FXML
    private TableColumn<PastRun, String> runOptimizer;

    @FXML
    private TableColumn<PastRun, String> runTrainLoss;

    @FXML
    private TableColumn<PastRun, String> runValidationLoss;

    @FXML
    private TableColumn<PastRun, String> runTestAccuracy;

    @FXML
    private TableColumn<PastRun, String> runEce;

    @FXML
    private Label runsHint;

    @FXML
    private LineChart<Number, Number> compareChart;

    /** @param vm the ViewModel */
    public RunsView(RunsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        runsTable.setItems(vm.runs());
        TableHeaders.wrap(runsTable);
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        column(runNumber, r -> Integer.toString(r.number()));
        column(runDate, PastRun::date);
        column(
                runEpochs,
                r -> r.epochsRun() < r.epochs()
                        ? Messages.get("runs.epochsOf", r.epochsRun(), r.epochs())
                        : Integer.toString(r.epochs()));
        column(runBestEpoch, r -> r.bestEpoch() > 0 ? Integer.toString(r.bestEpoch()) : "–");
        column(runLearningRate, r -> Double.isNaN(r.learningRate()) ? "–" : Float.toString((float) r.learningRate()));
        column(runOptimizer, PastRun::optimizer);
        column(runTrainLoss, r -> f3(r.trainLoss()));
        column(runValidationLoss, r -> f3(r.validationLoss()));
        column(runTestAccuracy, r -> Double.isNaN(r.testAccuracy()) ? "–" : Formats.percent(r.testAccuracy()));
        column(runEce, r -> f3(r.ece()));
        runsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PastRun>)
                c -> vm.compare(List.copyOf(runsTable.getSelectionModel().getSelectedItems())));
        runsHint.textProperty().bind(vm.hintProperty());
        vm.compared().addListener((ListChangeListener<NamedCurve>) c -> showCurves());
        showCurves();
        ChartAxes.fixedWhileEmpty(
                compareChart,
                new SimpleDoubleProperty(TrainingSettings.defaults().epochs()),
                1);
    }

    private static void column(TableColumn<PastRun, String> col, Function<PastRun, String> text) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : Formats.decimal(v, 3);
    }

    private void showCurves() {
        compareChart
                .getData()
                .setAll(vm.compared().stream()
                        .map(curve -> {
                            XYChart.Series<Number, Number> s = new XYChart.Series<>();
                            s.setName(curve.name());
                            s.getData()
                                    .setAll(curve.points().stream()
                                            .map(p -> new XYChart.Data<Number, Number>(p.x(), p.y()))
                                            .toList());
                            return s;
                        })
                        .toList());
    }
}

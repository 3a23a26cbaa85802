package studio.catdog.ui.mistakes;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridView;
import studio.catdog.core.evaluation.ClassMetrics;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.ui.browser.ThumbnailCell;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.ImageViewer;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.ThumbnailCache;
import studio.catdog.ui.common.WhileShowing;

/** The mistakes workspace: binds {@link MistakesViewModel} to MistakesView.fxml. */
public final class MistakesView {

    private static final double THUMB = 120;

    private final MistakesViewModel vm;
    private final ThumbnailCache thumbnails;
    private final Session session;
    private final TaskExecutor executor;

    @FXML
    private BorderPane mistakesRoot;

    @FXML
    private GridPane matrix;

    @FXML
    private Label summaryLabel;

    @FXML
    private Label filterLabel;

    @FXML
    private Button showAllButton;

    @FXML
    private Button evaluateButton;

    @FXML
    private ProgressBar evaluateProgress;

    @FXML
    private Label evaluateStatus;

    @FXML
    private TableView<ClassMetrics> metricsTable;

    @FXML
    private TableColumn<ClassMetrics, String> metricClass;

    @FXML
    private TableColumn<ClassMetrics, String> metricPrecision;

    @FXML
    private TableColumn<ClassMetrics, String> metricRecall;

    @FXML
    private TableColumn<ClassMetrics, String> metricF1;

    @FXML
    private TableColumn<ClassMetrics, String> metricSupport;

    @FXML
    private StackPane gridHost;

    @FXML
    private GridView<Misclassified> mistakesGrid;

    @FXML
    private Label placeholder;

    private ImageViewer viewer;

    /**
     * @param vm the ViewModel
     * @param thumbnails decodes thumbnails
     * @param session the current model and data set
     * @param executor renders explanations in the background
     */
    public MistakesView(MistakesViewModel vm, ThumbnailCache thumbnails, Session session, TaskExecutor executor) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        this.session = session;
        this.executor = executor;
    }

    @FXML
    private void initialize() {
        viewer = new ImageViewer(gridHost);
        WhileShowing.items(mistakesRoot, vm.shownMistakes(), mistakesGrid::setItems);
        ThumbnailCell.oneTabStop(mistakesGrid);
        mistakesGrid.setCellWidth(THUMB + 8);
        mistakesGrid.setCellHeight(THUMB + 26);
        mistakesGrid.setHorizontalCellSpacing(6);
        mistakesGrid.setVerticalCellSpacing(6);
        mistakesGrid.setCellFactory(g -> new ThumbnailCell<>(
                thumbnails,
                THUMB,
                Misclassified::path,
                m -> m.trueClass() + " → " + m.predictedClass() + " " + pct(m)
                        + (vm.labelSuspect(m) == null ? "" : " · " + Messages.get("mistakes.labelMayBeWrongShort")),
                this::openLarge));
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(vm.shownMistakes()));
        summaryLabel.textProperty().bind(vm.summaryProperty());
        filterLabel
                .textProperty()
                .bind(vm.selectedCellProperty()
                        .map(c -> {
                            EvaluationReport r = session.evaluationProperty().get();
                            return r == null
                                    ? ""
                                    : Messages.get(
                                            "mistakes.filterCell",
                                            r.classes().get(c.trueIndex()),
                                            r.classes().get(c.predictedIndex()));
                        })
                        .orElse(Messages.get("mistakes.filterAll")));
        showAllButton.disableProperty().bind(vm.selectedCellProperty().isNull());
        evaluateProgress.visibleProperty().bind(vm.evaluatingProperty());
        evaluateProgress.managedProperty().bind(vm.evaluatingProperty());
        evaluateProgress.progressProperty().bind(vm.progressProperty());
        evaluateStatus.textProperty().bind(vm.statusProperty());
        // A new evaluation rebuilds the grid's cells: the grid does not always draw a list that grows from empty
        // while it is on screen (seen after Evaluate: the matrix updated, the grid stayed blank until the tab was
        // shown again).
        vm.reportProperty().addListener((o, a, r) -> refreshGrid());
        evaluateButton
                .disableProperty()
                .bind(vm.evaluatingProperty()
                        .or(session.datasetProperty().isNull())
                        .or(session.modelProperty().isNull()));

        WhileShowing.items(mistakesRoot, vm.metrics(), metricsTable::setItems);
        metricClass.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().className()));
        metricPrecision.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(f3(c.getValue().precision())));
        metricRecall.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(f3(c.getValue().recall())));
        metricF1.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(f3(c.getValue().f1())));
        metricSupport.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().support())));

        vm.reportProperty().addListener((o, a, r) -> buildMatrix(r));
        vm.selectedCellProperty()
                .addListener((o, a, c) -> buildMatrix(vm.reportProperty().get()));
        buildMatrix(vm.reportProperty().get());
    }

    private void refreshGrid() {
        var items = mistakesGrid.getItems();
        mistakesGrid.setItems(FXCollections.observableArrayList());
        mistakesGrid.setItems(items);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : Formats.decimal(v, 3);
    }

    private String pct(Misclassified m) {
        EvaluationReport r = session.evaluationProperty().get();
        int i = r == null ? -1 : r.classes().indexOf(m.predictedClass());
        return i < 0 ? "" : String.format(Locale.ROOT, "%.0f%%", m.probabilities()[i] * 100);
    }

    private void buildMatrix(EvaluationReport r) {
        matrix.getChildren().clear();
        if (r == null) {
            Label none = new Label(Messages.get("common.noEvaluation"));
            none.getStyleClass().add("text-muted");
            matrix.add(none, 0, 0);
            return;
        }
        int n = r.classes().size();
        int max = 1;
        for (int[] row : r.confusion()) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        Label corner = new Label(Messages.get("common.matrixCorner"));
        corner.getStyleClass().add("text-small");
        matrix.add(corner, 0, 0);
        for (int j = 0; j < n; j++) {
            Label h = new Label(r.classes().get(j));
            h.getStyleClass().add("matrix-header");
            GridPane.setHalignment(h, HPos.CENTER);
            matrix.add(h, j + 1, 0);
        }
        ConfusionCell sel = vm.selectedCellProperty().get();
        for (int i = 0; i < n; i++) {
            Label rowHead = new Label(r.classes().get(i));
            rowHead.getStyleClass().add("matrix-header");
            matrix.add(rowHead, 0, i + 1);
            for (int j = 0; j < n; j++) {
                int count = r.confusion()[i][j];
                Button cell = new Button(Integer.toString(count));
                cell.setId("cell-" + i + "-" + j);
                cell.getStyleClass().addAll("matrix-cell", i == j ? "correct" : "wrong");
                double share = (double) count / max;
                String base = i == j ? "46,160,67" : "207,34,46";
                cell.setStyle(
                        String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);", base, 0.12 + 0.6 * share));
                if (new ConfusionCell(i, j).equals(sel)) {
                    cell.getStyleClass().add("selected-cell");
                }
                cell.setTooltip(new Tooltip(Messages.get(
                        "mistakes.cellTooltip",
                        count,
                        r.classes().get(i),
                        r.classes().get(j))));
                cell.setMinSize(72, 48);
                int ti = i;
                int pj = j;
                cell.setOnAction(e -> vm.toggleCell(new ConfusionCell(ti, pj)));
                matrix.add(cell, j + 1, i + 1);
            }
        }
    }

    private void openLarge(Misclassified m) {
        viewer.show(m.path(), m.path().getFileName().toString(), vm.describe(m), () -> vm.explain(m), executor);
    }

    /** @return the large image viewer (for the screenshot tour and tests) */
    public ImageViewer viewer() {
        return viewer;
    }

    /**
     * Opens a mistake in the large viewer.
     *
     * @param m the mistake
     */
    public void open(Misclassified m) {
        openLarge(m);
    }

    /** Evaluates the current model on the open data set. */
    @FXML
    public void evaluate() {
        vm.evaluate();
    }

    @FXML
    private void showAll() {
        vm.showAll();
    }
}

package studio.catdog.ui.training;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.BackboneChoice.Source;
import studio.catdog.ui.common.ChartAxes;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;

/** The training workspace: binds {@link TrainingViewModel} to TrainingView.fxml. */
public final class TrainingView {

    private final TrainingViewModel vm;
    private final BackboneChoiceViewModel choice;
    private final DialogService dialogs;
    private final Session session;

    @FXML
    private Button getResNet50Button;

    @FXML
    private Label lossChartNote;

    @FXML
    private RadioButton zooBackbone;

    @FXML
    private RadioButton builtinBackbone;

    @FXML
    private RadioButton fileBackbone;

    @FXML
    private ListView<BackboneRow> backboneList;

    @FXML
    private HBox backboneActions;

    @FXML
    private Button downloadBackbone;

    @FXML
    private Button useBackboneFile;

    @FXML
    private ToggleGroup backboneGroup;

    @FXML
    private TextField backboneFile;

    @FXML
    private Button browseBackbone;

    @FXML
    private TextField epochsField;

    @FXML
    private TextField batchSizeField;

    @FXML
    private TextField learningRateField;

    @FXML
    private CheckBox continueCheck;

    @FXML
    private CheckBox earlyStoppingCheck;

    @FXML
    private TextField patienceField;

    @FXML
    private Label validationLabel;

    @FXML
    private Label trustLabel;

    @FXML
    private Button trainButton;

    @FXML
    private Button cancelButton;

    @FXML
    private Button saveAsButton;

    @FXML
    private ProgressBar progressBar;

    @FXML
    private Label phaseLabel;

    @FXML
    private Label etaLabel;

    @FXML
    private Label resultLabel;

    @FXML
    private Label savedLabel;

    @FXML
    private Label deviceLabel;

    @FXML
    private Label datasetLabel;

    @FXML
    private LineChart<Number, Number> lossChart;

    @FXML
    private LineChart<Number, Number> epochChart;

    /**
     * @param vm the ViewModel
     * @param choice the list of pinned backbones
     * @param dialogs the file choosers
     * @param session shared state (data set, device)
     */
    public TrainingView(TrainingViewModel vm, BackboneChoiceViewModel choice, DialogService dialogs, Session session) {
        this.vm = vm;
        this.choice = choice;
        this.dialogs = dialogs;
        this.session = session;
    }

    @FXML
    private void initialize() {
        BackboneChoice backbone = vm.backboneChoice();
        String b = backbone.text();
        getResNet50Button.textProperty().bind(choice.offerProperty());
        getResNet50Button.visibleProperty().bind(choice.offerProperty().isNotNull());
        getResNet50Button.managedProperty().bind(getResNet50Button.visibleProperty());
        getResNet50Button.disableProperty().bind(vm.runningProperty());
        getResNet50Button.setTooltip(new Tooltip(Messages.get("training.getResNet50Tooltip")));
        backboneGroup.selectToggle(radioFor(backbone.source()));
        backboneFile.setText(backbone.source() == Source.FILE ? b : "");
        backboneList.setItems(choice.rows());
        backboneList.setCellFactory(l -> new BackboneCell());
        backboneList.disableProperty().bind(zooBackbone.selectedProperty().not().or(vm.runningProperty()));
        // The two actions act on the chosen row, and only while it is not downloaded.
        var selected = backboneList.getSelectionModel().selectedItemProperty();
        backboneActions
                .visibleProperty()
                .bind(zooBackbone
                        .selectedProperty()
                        .and(Bindings.createBooleanBinding(
                                () -> selected.get() != null && !selected.get().downloaded(), selected)));
        backboneActions.managedProperty().bind(backboneActions.visibleProperty());
        downloadBackbone
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selected.get() == null || selected.get().busy(), selected));
        useBackboneFile.disableProperty().bind(downloadBackbone.disableProperty());
        backboneList.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                choice.chooseRow(row.id());
            }
        });
        choice.rows().addListener((ListChangeListener<BackboneRow>) c -> selectRow(backbone.text()));
        selectRow(b);
        backboneFile.disableProperty().bind(fileBackbone.selectedProperty().not());
        browseBackbone.disableProperty().bind(fileBackbone.selectedProperty().not());
        backboneGroup.selectedToggleProperty().addListener((o, a, t) -> pushBackbone());
        backbone.textProperty().addListener((o, a, text) -> showBackbone(text));
        backboneFile.textProperty().addListener((o, a, t) -> pushBackbone());

        epochsField.textProperty().bindBidirectional(vm.epochsProperty());
        batchSizeField.textProperty().bindBidirectional(vm.batchSizeProperty());
        learningRateField.textProperty().bindBidirectional(vm.learningRateProperty());
        validationLabel.textProperty().bind(vm.validationProperty());
        validationLabel.visibleProperty().bind(vm.validationProperty().isNotNull());
        validationLabel.managedProperty().bind(validationLabel.visibleProperty());
        trustLabel.textProperty().bind(vm.trustWarningProperty());
        trustLabel.visibleProperty().bind(vm.trustWarningProperty().isNotEmpty());
        trustLabel.managedProperty().bind(trustLabel.visibleProperty());
        for (TextField f : List.of(epochsField, batchSizeField, learningRateField, backboneFile)) {
            f.disableProperty()
                    .bind(
                            f == backboneFile
                                    ? fileBackbone.selectedProperty().not().or(vm.runningProperty())
                                    : vm.runningProperty());
        }
        earlyStoppingCheck.selectedProperty().bindBidirectional(vm.earlyStoppingProperty());
        earlyStoppingCheck.disableProperty().bind(vm.runningProperty());
        Tooltip earlyStoppingTip = new Tooltip(Messages.get("training.earlyStoppingTooltip"));
        earlyStoppingCheck.setTooltip(earlyStoppingTip);
        patienceField.setTooltip(earlyStoppingTip);
        patienceField.textProperty().bindBidirectional(vm.patienceProperty());
        patienceField
                .disableProperty()
                .bind(vm.runningProperty().or(vm.earlyStoppingProperty().not()));
        continueCheck.selectedProperty().bindBidirectional(vm.continueCurrentProperty());
        continueCheck.disableProperty().bind(vm.canContinueBinding().not());
        continueCheck.setTooltip(new Tooltip(Messages.get("training.continueTooltip")));
        trainButton.disableProperty().bind(vm.canTrainBinding().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        saveAsButton
                .disableProperty()
                .bind(vm.runningProperty().or(session.modelProperty().isNull()));

        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty());
        progressBar.managedProperty().bind(vm.runningProperty());
        phaseLabel.textProperty().bind(vm.phaseProperty());
        etaLabel.textProperty().bind(vm.etaProperty());
        resultLabel.textProperty().bind(vm.resultProperty());
        vm.resultKindProperty().addListener((o, a, kind) -> styleResult(kind));
        // The run's lines take room only when they say something, so Train sits close to the settings.
        for (Label line : List.of(phaseLabel, etaLabel, resultLabel, savedLabel)) {
            line.visibleProperty().bind(line.textProperty().isNotEmpty());
        }
        for (Label line : List.of(phaseLabel, resultLabel, savedLabel)) {
            line.managedProperty().bind(line.visibleProperty());
        }
        // Except the time left while a run goes on: it is unknown between some updates, and its line coming and
        // going moved Train and Cancel up and down under the pointer.
        etaLabel.managedProperty().bind(etaLabel.visibleProperty().or(vm.runningProperty()));
        styleResult(vm.resultKindProperty().get());
        savedLabel
                .textProperty()
                .bind(vm.savedToProperty()
                        .map(p -> Messages.get("training.savedTo", p))
                        .orElse(""));
        deviceLabel.textProperty().bind(session.deviceProperty().map(d -> Messages.get("common.device", d)));
        datasetLabel
                .textProperty()
                .bind(session.datasetProperty()
                        .map(d -> Messages.get(
                                "training.dataset", d.root(), d.classes().size()))
                        .orElse(Messages.get("training.noDataset")));

        XYChart.Series<Number, Number> raw = series(Messages.get("training.series.batchLoss"), vm.batchLossShown());
        XYChart.Series<Number, Number> smooth =
                series(Messages.get("training.series.smoothedLoss"), vm.smoothedLossShown());
        lossChart.getData().setAll(List.of(raw, smooth));
        XYChart.Series<Number, Number> best = series(Messages.get("training.bestEpoch"), vm.bestEpochMarker());
        best.nameProperty().bind(vm.bestEpochLabelProperty());
        epochChart
                .getData()
                .setAll(List.of(
                        series(Messages.get("training.series.trainingLoss"), vm.trainLoss()),
                        series(Messages.get("training.series.validationLoss"), vm.validationLoss()),
                        series(Messages.get("training.series.validationAccuracy"), vm.validationAccuracy()),
                        best));
        DoubleBinding epochs = Bindings.createDoubleBinding(
                () -> {
                    try {
                        return Math.max(
                                1.0, Integer.parseInt(vm.epochsProperty().get().trim()));
                    } catch (NumberFormatException | NullPointerException e) {
                        return 15.0;
                    }
                },
                vm.epochsProperty());
        ChartAxes.fixedWhileEmpty(lossChart, epochs, 1);
        ChartAxes.fixedWhileEmpty(epochChart, epochs, 1);
        // The batch chart is empty before a first run, and after a restart (a saved model keeps its per-epoch
        // curves only): it says which.
        lossChartNote
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.trainLoss().isEmpty()
                                ? Messages.get("training.batchLossEmpty")
                                : Messages.get("training.batchLossNotKept"),
                        vm.trainLoss()));
        lossChartNote.visibleProperty().bind(Bindings.isEmpty(vm.batchLossShown()));
    }

    /** Colours the result line by what happened: green for a success, the danger colour for a failure. */
    private void styleResult(ResultKind kind) {
        resultLabel.getStyleClass().removeAll("succeeded", "failed");
        if (kind == ResultKind.SUCCEEDED) {
            resultLabel.getStyleClass().add("succeeded");
        } else if (kind == ResultKind.FAILED) {
            resultLabel.getStyleClass().add("failed");
        }
    }

    /** Shows a backbone chosen elsewhere (restored settings, a row, an import, the demo tour). */
    private void showBackbone(String text) {
        RadioButton target = radioFor(BackboneChoice.sourceOf(text));
        if (!target.isSelected()) {
            backboneGroup.selectToggle(target);
        }
        if (target == zooBackbone) {
            selectRow(text);
        } else if (target == fileBackbone && !text.equals(backboneFile.getText().trim())) {
            backboneFile.setText(text);
        }
    }

    /** The radio button that shows a source. */
    private RadioButton radioFor(Source source) {
        return switch (source) {
            case PINNED -> zooBackbone;
            case BUILTIN -> builtinBackbone;
            case FILE -> fileBackbone;
        };
    }

    /** Selects the row a backbone text means ({@code resnet50}: the row it stands for here). */
    private void selectRow(String text) {
        String id = choice.rowFor(text);
        backboneList.getItems().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .ifPresentOrElse(
                        backboneList.getSelectionModel()::select, backboneList.getSelectionModel()::clearSelection);
    }

    /** Hands the pane's choice (radio button, selected row, file field) to the ViewModel; it decides the backbone. */
    private void pushBackbone() {
        BackboneRow row = backboneList.getSelectionModel().getSelectedItem();
        Source source =
                zooBackbone.isSelected() ? Source.PINNED : builtinBackbone.isSelected() ? Source.BUILTIN : Source.FILE;
        choice.choose(source, row == null ? null : row.id(), backboneFile.getText());
    }

    @FXML
    private void downloadBackbone() {
        choice.download(backboneList.getSelectionModel().getSelectedItem().id());
    }

    /** "Use a file I downloaded…": asks for the file; the ViewModel imports it by its checksum. */
    @FXML
    private void useBackboneFile() {
        dialogs.chooseFile(
                        Messages.get("training.useFileTitle"),
                        Messages.get("training.useFileKind"),
                        List.of("onnx", "gz"))
                .ifPresent(choice::importFile);
    }

    /**
     * Mirrors a ViewModel curve into a chart series change by change (appends, the replaced last
     * bucket of a decimated curve, clears), one list operation per coalesced update.
     */
    static XYChart.Series<Number, Number> series(String name, ObservableList<CurvePoint> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        Function<CurvePoint, XYChart.Data<Number, Number>> toData = p -> new XYChart.Data<>(p.x(), p.y());
        points.addListener((ListChangeListener<CurvePoint>) c -> {
            while (c.next()) {
                if (c.wasPermutated() || c.wasUpdated()) {
                    s.getData().setAll(points.stream().map(toData).toList());
                    return;
                }
                if (c.wasRemoved() && points.isEmpty()) {
                    s.getData().clear();
                    continue;
                }
                if (c.wasRemoved()) {
                    s.getData().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    s.getData()
                            .addAll(
                                    c.getFrom(),
                                    c.getAddedSubList().stream().map(toData).toList());
                }
            }
        });
        s.getData().setAll(points.stream().map(toData).toList());
        return s;
    }

    /** Starts training. */
    @FXML
    public void train() {
        vm.train();
    }

    /** Cancels the run. */
    @FXML
    public void cancel() {
        vm.cancel();
    }

    /** Asks for a new folder with a save dialog (a name and where) and saves the model there. */
    @FXML
    public void saveAs() {
        Path saved = vm.savedToProperty().get();
        // A save dialog (a new folder's name and where), not a folder chooser with an "Open" button; a folder
        // that already holds a model is replaced only after the user says so.
        dialogs.saveFolder(
                        Messages.get("training.saveTitle"),
                        saved == null ? null : saved.getParent(),
                        "catdog-model-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")))
                .ifPresent(dir -> vm.saveAs(
                        dir,
                        (title, message) ->
                                dialogs.confirm(title, message, Messages.get("training.saveAs.replaceAction"))));
    }

    /** Downloads the offered ResNet50 (one click; progress in its row and the status bar). */
    @FXML
    private void getResNet50() {
        choice.getOffered();
    }

    @FXML
    private void browseBackbone() {
        dialogs.chooseFile(
                        Messages.get("training.chooseBackboneTitle"),
                        Messages.get("training.chooseBackboneKind"),
                        List.of("onnx", "pt", "pth"))
                .ifPresent(p -> {
                    fileBackbone.setSelected(true);
                    backboneFile.setText(p.toString());
                });
    }
}

package studio.catdog.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.controlsfx.control.PopOver;
import studio.catdog.ui.browser.BrowserView;
import studio.catdog.ui.calibration.CalibrationView;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.Drop;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.mistakes.MistakesView;
import studio.catdog.ui.prediction.PredictionView;
import studio.catdog.ui.training.TrainingView;

/** The main window: menu, workspaces in tabs, error banner and status bar. */
public final class MainView {

    private final MainViewModel vm;
    private final DialogService dialogs;

    @FXML
    private BorderPane mainRoot;

    @FXML
    private TabPane tabs;

    @FXML
    private Tab browserTab;

    @FXML
    private Tab trainingTab;

    @FXML
    private Tab predictionTab;

    @FXML
    private Tab mistakesTab;

    @FXML
    private Tab calibrationTab;

    @FXML
    private BrowserView browserController;

    @FXML
    private TrainingView trainingController;

    @FXML
    private PredictionView predictionController;

    @FXML
    private MistakesView mistakesController;

    @FXML
    private CalibrationView calibrationController;

    @FXML
    private HBox errorBanner;

    @FXML
    private Label errorLabel;

    @FXML
    private Label hintLabel;

    @FXML
    private Label statusLabel;

    @FXML
    private ProgressIndicator busyIndicator;

    @FXML
    private Label modelLabel;

    @FXML
    private Label deviceLabel;

    @FXML
    private Button jobsButton;

    @FXML
    private MenuItem useGpuItem;

    @FXML
    private MenuItem auditItem;

    @FXML
    private MenuItem undoDatasetChangeItem;

    private final Supplier<Parent> jobsContent;
    private final Supplier<Parent> serveContent;
    private PopOver jobsPopup;
    private Stage serveWindow;

    /**
     * @param vm the ViewModel
     * @param dialogs the choosers
     * @param jobsContent builds the job list shown by the status bar's jobs button
     * @param serveContent builds the content of the <i>Serve this model</i> window
     */
    public MainView(
            MainViewModel vm, DialogService dialogs, Supplier<Parent> jobsContent, Supplier<Parent> serveContent) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.jobsContent = jobsContent;
        this.serveContent = serveContent;
    }

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorBanner.visibleProperty().bind(vm.errorProperty().isNotNull());
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        hintLabel.textProperty().bind(vm.hint());
        hintLabel.visibleProperty().bind(vm.hint().isNotEmpty());
        hintLabel.managedProperty().bind(hintLabel.visibleProperty());
        JobsViewModel jobs = vm.jobs();
        statusLabel.textProperty().bind(jobs.statusProperty());
        busyIndicator.visibleProperty().bind(jobs.busyProperty());
        busyIndicator.progressProperty().bind(jobs.progressProperty());
        jobsButton
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Messages.get("main.jobsButton", jobs.rows().size()), jobs.rows()));
        jobsButton.disableProperty().bind(Bindings.isEmpty(jobs.rows()));
        modelLabel.textProperty().bind(vm.modelText());
        deviceLabel.textProperty().bind(vm.session().deviceProperty().map(d -> Messages.get("common.device", d)));
        useGpuItem.disableProperty().bind(vm.gpuOfferedProperty().not());
        auditItem.disableProperty().bind(browserController.auditUnavailableProperty());
        undoDatasetChangeItem.disableProperty().bind(browserController.nothingToUndoProperty());
        mainRoot.setOnDragOver(this::dragOver);
        mainRoot.setOnDragDropped(this::dropped);
    }

    /** Drops that no workspace took: a folder opens as a data set, image files are classified. */
    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        if (!e.getDragboard().hasFiles()) {
            e.setDropCompleted(false);
            return;
        }
        handleDrop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        e.setDropCompleted(true);
        e.consume();
    }

    /**
     * What a drop on the window does: one folder opens as the data set; files are classified.
     *
     * @param paths the dropped paths
     */
    public void handleDrop(List<Path> paths) {
        Drop drop = Drop.of(paths);
        if (drop.isFolder()) {
            tabs.getSelectionModel().select(browserTab);
            browserController.openFolder(drop.folder());
        } else {
            tabs.getSelectionModel().select(predictionTab);
            predictionController.predict(drop.files());
        }
    }

    @FXML
    private void openDataset() {
        tabs.getSelectionModel().select(browserTab);
        browserController.openDataset();
    }

    @FXML
    private void audit() {
        tabs.getSelectionModel().select(browserTab);
        browserController.audit();
    }

    @FXML
    private void undoDatasetChange() {
        tabs.getSelectionModel().select(browserTab);
        browserController.undoLast();
    }

    @FXML
    private void openModel() {
        dialogs.chooseDirectory(Messages.get("main.openModelTitle"), null)
                .ifPresent(dir -> vm.openModel(
                        dir, (title, message) -> dialogs.confirm(title, message, Messages.get("common.download"))));
    }

    @FXML
    private void saveModel() {
        trainingController.saveAs();
    }

    @FXML
    private void train() {
        tabs.getSelectionModel().select(trainingTab);
        trainingController.train();
    }

    @FXML
    private void cancel() {
        trainingController.cancel();
    }

    @FXML
    private void openImages() {
        tabs.getSelectionModel().select(predictionTab);
        predictionController.openImages();
    }

    @FXML
    private void paste() {
        tabs.getSelectionModel().select(predictionTab);
        predictionController.paste();
    }

    @FXML
    private void evaluate() {
        tabs.getSelectionModel().select(mistakesTab);
        mistakesController.evaluate();
    }

    /** Shows the queued and running jobs, each with its own cancel button. */
    @FXML
    private void showJobs() {
        if (jobsPopup == null) {
            jobsPopup = new PopOver(jobsContent.get());
            jobsPopup.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
            jobsPopup.setTitle(Messages.get("main.jobsTitle"));
            jobsPopup.setHeaderAlwaysVisible(true);
            jobsPopup.setDetachable(false);
        }
        if (jobsPopup.isShowing()) {
            jobsPopup.hide();
        } else {
            jobsPopup.show(jobsButton);
        }
    }

    /** Opens the serve window (one; it keeps serving when closed, until Stop or the app ends). */
    @FXML
    private void serveModel() {
        if (serveWindow == null) {
            serveWindow = new Stage();
            serveWindow.setTitle(Messages.get("serve.windowTitle"));
            serveWindow.initOwner(mainRoot.getScene().getWindow());
            serveWindow.setScene(new Scene(serveContent.get()));
            serveWindow.getScene().getStylesheets().setAll(mainRoot.getScene().getStylesheets());
        }
        serveWindow.show();
        serveWindow.toFront();
    }

    @FXML
    private void useGpu() {
        vm.useGpu((title, message) -> dialogs.confirm(title, message, Messages.get("common.download")));
    }

    @FXML
    private void quit() {
        mainRoot.getScene().getWindow().hide();
    }

    @FXML
    private void dismissError() {
        vm.dismissError();
    }

    @FXML
    private void showBrowser() {
        tabs.getSelectionModel().select(browserTab);
    }

    @FXML
    private void showTraining() {
        tabs.getSelectionModel().select(trainingTab);
    }

    @FXML
    private void showPrediction() {
        tabs.getSelectionModel().select(predictionTab);
    }

    @FXML
    private void showMistakes() {
        tabs.getSelectionModel().select(mistakesTab);
    }

    @FXML
    private void showCalibration() {
        tabs.getSelectionModel().select(calibrationTab);
    }

    /** @return the prediction workspace (for drops onto it and the screenshot tour) */
    public PredictionView prediction() {
        return predictionController;
    }

    /** @return the data set workspace (for the screenshot tour) */
    public BrowserView browser() {
        return browserController;
    }

    /** @return the mistakes workspace (for its image viewer) */
    public MistakesView mistakes() {
        return mistakesController;
    }

    /** @return the tab pane (for the screenshot tour) */
    public TabPane tabs() {
        return tabs;
    }
}

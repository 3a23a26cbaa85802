package studio.catdog.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PopOver;
import studio.catdog.ui.browser.BrowserView;
import studio.catdog.ui.calibration.CalibrationView;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.Drop;
import studio.catdog.ui.common.LoadedView;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.ViewLoader;
import studio.catdog.ui.help.HelpView;
import studio.catdog.ui.help.HelpViewModel.Page;
import studio.catdog.ui.help.Shortcut;
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
    private MenuBar menuBar;

    @FXML
    private MenuItem useGpuItem;

    @FXML
    private MenuItem auditItem;

    @FXML
    private MenuItem undoDatasetChangeItem;

    @FXML
    private MenuItem sampleDataItem;

    private final Supplier<Parent> jobsContent;
    private final Supplier<Parent> serveContent;
    private PopOver jobsPopup;
    private Stage helpWindow;
    private HelpView help;
    private Parent helpRoot;
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
        for (Label segment : List.of(statusLabel, modelLabel, deviceLabel)) {
            Tooltip whole = new Tooltip();
            whole.textProperty().bind(segment.textProperty());
            segment.setTooltip(whole);
        }
        // A short text ("No model") takes its own width; a long one shrinks to the segment's minimum, no further.
        for (Label segment : List.of(modelLabel, deviceLabel)) {
            double least = segment.getMinWidth();
            segment.minWidthProperty()
                    .bind(Bindings.createDoubleBinding(
                            () -> Math.min(least, segment.prefWidth(-1)),
                            segment.textProperty(),
                            segment.fontProperty()));
        }
        useGpuItem.disableProperty().bind(vm.gpuOfferedProperty().not());
        auditItem.disableProperty().bind(browserController.auditUnavailableProperty());
        undoDatasetChangeItem.disableProperty().bind(browserController.nothingToUndoProperty());
        sampleDataItem.disableProperty().bind(vm.sampleData().runningProperty());
        // Escape closes the job list, whichever window has the keyboard: the main window (also when no control of
        // it has the focus) or the popup.
        mainRoot.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::escapeClosesJobs);
            }
        });
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

    /**
     * File › Get sample data set…: says what it downloads, asks for an empty folder, then runs the download as a
     * job (progress and cancel in the status bar); the data set opens when it is done.
     */
    @FXML
    private void getSampleData() {
        if (!dialogs.confirm(
                Messages.get("sample.title"),
                Messages.get("sample.offer", SampleDataViewModel.IMAGES_PER_CLASS),
                Messages.get("sample.chooseFolder"))) {
            return;
        }
        dialogs.chooseDirectory(Messages.get("sample.folderTitle"), null).ifPresent(dir -> {
            tabs.getSelectionModel().select(browserTab);
            vm.sampleData().get(dir);
        });
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

    private void escapeClosesJobs(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && jobsPopup != null && jobsPopup.isShowing()) {
            jobsPopup.hide();
            e.consume();
        }
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
            jobsPopup.getScene().addEventFilter(KeyEvent.KEY_PRESSED, this::escapeClosesJobs);
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
    private void showGettingStarted() {
        showHelp(Page.GETTING_STARTED);
    }

    @FXML
    private void showShortcuts() {
        showHelp(Page.SHORTCUTS);
    }

    @FXML
    private void showAbout() {
        showHelp(Page.ABOUT);
    }

    @FXML
    private void openLogFolder() {
        helpView().openLogFolder();
    }

    /** Shows the Help window (one, beside the main window; Escape or Close hides it) at a page. */
    private void showHelp(Page page) {
        HelpView view = helpView();
        if (helpWindow == null) {
            Window owner = mainRoot.getScene().getWindow();
            helpWindow = new Stage();
            helpWindow.setTitle(Messages.get("help.windowTitle"));
            helpWindow.initOwner(owner);
            if (owner instanceof Stage main) {
                helpWindow.getIcons().setAll(main.getIcons());
            }
            Scene scene = new Scene(helpRoot);
            scene.getStylesheets().setAll(mainRoot.getScene().getStylesheets());
            helpWindow.setScene(scene);
        }
        vm.help().setShortcuts(shortcuts());
        view.show(page);
        helpWindow.show();
        helpWindow.toFront();
    }

    private HelpView helpView() {
        if (help == null) {
            LoadedView<HelpView> loaded = new ViewLoader()
                    .register(HelpView.class, () -> new HelpView(vm.help(), dialogs))
                    .load(HelpView.class);
            help = loaded.controller();
            helpRoot = loaded.root();
        }
        return help;
    }

    /** @return every menu item that has a key, as the menus show it ("Ctrl+1", "Open data set…") */
    List<Shortcut> shortcuts() {
        List<Shortcut> all = new ArrayList<>();
        for (Menu menu : menuBar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null && item.getText() != null) {
                    all.add(new Shortcut(
                            item.getAccelerator().getDisplayText(),
                            Messages.get(
                                    "help.menuAction",
                                    menu.getText().replace("_", ""),
                                    item.getText().replace("_", ""))));
                }
            }
        }
        return all;
    }

    /** @return the Help window, null before it was first shown (for tests) */
    public Stage helpWindow() {
        return helpWindow;
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

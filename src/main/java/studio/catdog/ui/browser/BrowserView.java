package studio.catdog.ui.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.controlsfx.control.GridView;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.ImageViewer;
import studio.catdog.ui.common.ThumbnailCache;

/** The data set browser: binds {@link BrowserViewModel} to BrowserView.fxml. */
public final class BrowserView {

    static final String BOTH = "Both splits";
    static final String TRAINING = "Training";
    static final String TEST = "Test";
    private static final double THUMB = 120;

    private final BrowserViewModel vm;
    private final ThumbnailCache thumbnails;
    private final DialogService dialogs;

    @FXML private StackPane gridHost;
    @FXML private GridView<ImageSample> grid;
    @FXML private Label placeholder;
    @FXML private Label summary;
    @FXML private ComboBox<String> splitFilter;
    @FXML private ComboBox<String> classFilter;
    @FXML private ProgressBar scanProgress;
    @FXML private Button openButton;
    @FXML private TableView<BrowserViewModel.CountRow> countsTable;
    @FXML private TableColumn<BrowserViewModel.CountRow, String> classColumn;
    @FXML private TableColumn<BrowserViewModel.CountRow, Integer> trainColumn;
    @FXML private TableColumn<BrowserViewModel.CountRow, Integer> testColumn;
    @FXML private TableView<BrowserViewModel.Issue> issuesTable;
    @FXML private TableColumn<BrowserViewModel.Issue, String> issueKindColumn;
    @FXML private TableColumn<BrowserViewModel.Issue, String> issueFileColumn;
    @FXML private TableColumn<BrowserViewModel.Issue, String> issueDetailColumn;
    @FXML private Label issuesTitle;

    private ImageViewer viewer;

    /**
     * @param vm the ViewModel
     * @param thumbnails decodes thumbnails
     * @param dialogs the folder chooser
     */
    public BrowserView(BrowserViewModel vm, ThumbnailCache thumbnails, DialogService dialogs) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        viewer = new ImageViewer(gridHost);
        grid.setItems(vm.visibleSamples());
        grid.setCellWidth(THUMB + 8);
        grid.setCellHeight(THUMB + 26);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setCellFactory(g -> new ThumbnailCell<>(thumbnails, THUMB, ImageSample::path,
                s -> s.path().getFileName().toString(), this::openLarge));
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(vm.visibleSamples()));
        summary.textProperty().bind(vm.summaryProperty());
        scanProgress.visibleProperty().bind(vm.scanningProperty());
        scanProgress.managedProperty().bind(vm.scanningProperty());
        scanProgress.progressProperty().bind(vm.scanProgressProperty());
        openButton.disableProperty().bind(vm.scanningProperty());

        splitFilter.getItems().setAll(BOTH, TRAINING, TEST);
        splitFilter.setValue(BOTH);
        splitFilter.valueProperty().addListener((o, a, v) -> vm.splitFilterProperty().set(
                TRAINING.equals(v) ? Split.TRAIN : TEST.equals(v) ? Split.TEST : null));
        classFilter.setItems(vm.classChoices());
        classFilter.valueProperty().bindBidirectional(vm.classFilterProperty());

        countsTable.setItems(vm.counts());
        classColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().className()));
        trainColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().train()));
        testColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().test()));
        issuesTable.setItems(vm.issues());
        issueKindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        issueFileColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().file().getFileName().toString()));
        issueDetailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        issuesTitle.textProperty().bind(Bindings.size(vm.issues()).asString("Problems found (%d)"));
        issuesTable.setOnMouseClicked(e -> {
            var issue = issuesTable.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && issue != null && Files.isRegularFile(issue.file())) {
                viewer.show(issue.file(), issue.file().getFileName().toString(), issue.kind() + ": " + issue.detail());
            }
        });
        gridHost.setOnDragOver(this::dragOver);
        gridHost.setOnDragDropped(this::dropped);
    }

    private void openLarge(ImageSample s) {
        viewer.show(s.path(), s.path().getFileName().toString(), vm.describe(s));
    }

    /** Asks for a folder and opens it. */
    @FXML
    public void openDataset() {
        dialogs.chooseDirectory("Open data set folder", vm.lastFolder()).ifPresent(vm::open);
    }

    /**
     * Opens a folder as the data set.
     *
     * @param dir the folder
     */
    public void openFolder(Path dir) {
        vm.open(dir);
    }

    private void dragOver(DragEvent e) {
        List<Path> dirs = folders(e);
        if (dirs.size() == 1) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<Path> dirs = folders(e);
        if (dirs.size() == 1) {
            vm.open(dirs.get(0));
        }
        e.setDropCompleted(dirs.size() == 1);
        e.consume();
    }

    private static List<Path> folders(DragEvent e) {
        if (!e.getDragboard().hasFiles()) {
            return List.of();
        }
        return e.getDragboard().getFiles().stream().map(f -> f.toPath()).filter(Files::isDirectory).toList();
    }
}

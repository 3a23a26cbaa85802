package studio.catdog.ui.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.ImageViewer;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.ThumbnailCache;
import studio.catdog.ui.common.WrappingTableCell;

/** The data set browser: binds {@link BrowserViewModel} to BrowserView.fxml. */
public final class BrowserView {

    private static final double THUMB = 120;

    private final BrowserViewModel vm;
    private final AuditViewModel audit;
    private final ThumbnailCache thumbnails;
    private final DialogService dialogs;

    @FXML
    private StackPane gridHost;

    @FXML
    private GridView<ImageSample> grid;

    @FXML
    private Label placeholder;

    @FXML
    private Label summary;

    @FXML
    private ComboBox<String> splitFilter;

    @FXML
    private ComboBox<String> classFilter;

    @FXML
    private ProgressBar scanProgress;

    @FXML
    private Button openButton;

    @FXML
    private TableView<ClassCountRow> countsTable;

    @FXML
    private TableColumn<ClassCountRow, String> classColumn;

    @FXML
    private TableColumn<ClassCountRow, Integer> trainColumn;

    @FXML
    private TableColumn<ClassCountRow, Integer> testColumn;

    @FXML
    private TableView<DatasetIssue> issuesTable;

    @FXML
    private TableColumn<DatasetIssue, String> issueKindColumn;

    @FXML
    private TableColumn<DatasetIssue, String> issueFileColumn;

    @FXML
    private TableColumn<DatasetIssue, String> issueDetailColumn;

    @FXML
    private Label issuesTitle;

    @FXML
    private TabPane browserTabs;

    @FXML
    private Tab imagesTab;

    @FXML
    private Tab labelErrorsTab;

    @FXML
    private Tab duplicatesTab;

    @FXML
    private Button auditButton;

    @FXML
    private Button cancelAuditButton;

    @FXML
    private ProgressBar auditProgress;

    @FXML
    private Label changesTitle;

    @FXML
    private Button undoLastButton;

    @FXML
    private ListView<AuditChange> changesList;

    private ImageViewer viewer;

    /**
     * @param vm the ViewModel
     * @param audit the data set audit (its command and its recent changes live here; its findings in
     *     the inner tabs' own views)
     * @param thumbnails decodes thumbnails
     * @param dialogs the folder chooser
     */
    public BrowserView(BrowserViewModel vm, AuditViewModel audit, ThumbnailCache thumbnails, DialogService dialogs) {
        this.vm = vm;
        this.audit = audit;
        this.thumbnails = thumbnails;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        viewer = new ImageViewer(gridHost);
        grid.setItems(vm.visibleSamples());
        ThumbnailCell.oneTabStop(grid);
        grid.setCellWidth(THUMB + 8);
        grid.setCellHeight(THUMB + 26);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setCellFactory(g -> new ThumbnailCell<>(
                thumbnails,
                THUMB,
                ImageSample::path,
                s -> s.path().getFileName().toString(),
                this::openLarge));
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(vm.visibleSamples()));
        summary.textProperty().bind(vm.summaryProperty());
        scanProgress.visibleProperty().bind(vm.scanningProperty());
        scanProgress.managedProperty().bind(vm.scanningProperty());
        scanProgress.progressProperty().bind(vm.scanProgressProperty());
        openButton.disableProperty().bind(vm.scanningProperty());

        String both = Messages.get("browser.split.both");
        String training = Messages.get("browser.split.training");
        String test = Messages.get("browser.split.test");
        splitFilter.getItems().setAll(both, training, test);
        splitFilter.setValue(both);
        splitFilter
                .valueProperty()
                .addListener((o, a, v) -> vm.splitFilterProperty()
                        .set(training.equals(v) ? Split.TRAIN : test.equals(v) ? Split.TEST : null));
        classFilter.setItems(vm.classChoices());
        classFilter.valueProperty().bindBidirectional(vm.classFilterProperty());

        countsTable.setItems(vm.counts());
        classColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().className()));
        trainColumn.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().train()));
        testColumn.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().test()));
        issuesTable.setItems(vm.issues());
        issueKindColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        issueFileColumn.setCellValueFactory(c ->
                new ReadOnlyObjectWrapper<>(c.getValue().file().getFileName().toString()));
        issueDetailColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        // The reason is the point of the row: it wraps in the narrow side panel and shows whole in a tooltip.
        issueDetailColumn.setCellFactory(c -> new WrappingTableCell<>());
        issueFileColumn.setCellFactory(c -> new WrappingTableCell<>());
        issuesTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Messages.get("browser.issuesTitle", vm.issues().size()), vm.issues()));
        issuesTable.setOnMouseClicked(e -> {
            var issue = issuesTable.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && issue != null && Files.isRegularFile(issue.file())) {
                viewer.show(issue.file(), issue.file().getFileName().toString(), issue.kind() + ": " + issue.detail());
            }
        });
        gridHost.setOnDragOver(this::dragOver);
        gridHost.setOnDragDropped(this::dropped);
        bindAudit();
    }

    private void bindAudit() {
        auditButton.disableProperty().bind(audit.canAuditProperty().not());
        cancelAuditButton.visibleProperty().bind(audit.runningProperty());
        cancelAuditButton.managedProperty().bind(audit.runningProperty());
        auditProgress.visibleProperty().bind(audit.runningProperty());
        auditProgress.managedProperty().bind(audit.runningProperty());
        auditProgress.progressProperty().bind(audit.progressProperty());
        labelErrorsTab
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> audit.reportProperty().get() == null
                                ? Messages.get("audit.labelErrorsTab")
                                : Messages.get(
                                        "audit.labelErrorsTabCount",
                                        audit.suspects().size()),
                        audit.reportProperty(),
                        audit.suspects()));
        duplicatesTab
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> audit.reportProperty().get() == null
                                ? Messages.get("audit.duplicatesTab")
                                : Messages.get(
                                        "audit.duplicatesTabCount",
                                        audit.duplicates().size()),
                        audit.reportProperty(),
                        audit.duplicates()));
        // A finished audit shows what it found: label errors first, else the duplicates.
        audit.reportProperty().addListener((o, a, r) -> {
            if (r != null) {
                browserTabs
                        .getSelectionModel()
                        .select(
                                r.suspects().isEmpty() && !audit.duplicates().isEmpty()
                                        ? duplicatesTab
                                        : labelErrorsTab);
            }
        });
        changesTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Messages.get(
                                "browser.changesTitle", audit.changes().size()),
                        audit.changes()));
        undoLastButton.disableProperty().bind(Bindings.isEmpty(audit.changes()));
        changesList.setItems(audit.changes());
        changesList.setCellFactory(l -> new ChangeCell());
    }

    /** One change with its own Undo. */
    private final class ChangeCell extends ListCell<AuditChange> {

        private final Label text = new Label();
        private final Button undo = new Button(null, new FontIcon("mdmz-undo"));
        private final HBox box = new HBox(6, text, undo);

        ChangeCell() {
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setMinHeight(Region.USE_PREF_SIZE);
            HBox.setHgrow(text, Priority.ALWAYS);
            undo.setId("undoChangeButton");
            undo.getStyleClass().addAll("button-icon", "flat", "small");
            undo.setTooltip(new Tooltip(Messages.get("browser.undoChange")));
            undo.setOnAction(e -> audit.undo(getItem()));
            box.setAlignment(Pos.CENTER_LEFT);
            // Cells as wide as the list: long texts wrap instead of scrolling sideways.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(AuditChange c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            text.setText(c.text());
            setGraphic(box);
        }
    }

    /** Audits the open data set (the toolbar button, the menu item, Ctrl+Shift+A). */
    @FXML
    public void audit() {
        audit.audit();
    }

    @FXML
    private void cancelAudit() {
        audit.cancel();
    }

    /** Undoes the latest change of the audit. */
    @FXML
    public void undoLast() {
        audit.undoLast();
    }

    /** @return true while the audit command is unavailable (no data set, or an audit runs) */
    public ObservableBooleanValue auditUnavailableProperty() {
        return audit.canAuditProperty().not();
    }

    /** @return true while there is no data set change to undo */
    public ObservableBooleanValue nothingToUndoProperty() {
        return Bindings.isEmpty(audit.changes());
    }

    /** @return the inner tabs: Images, Possible label errors, Near-duplicates (for the screenshot tour) */
    public TabPane tabs() {
        return browserTabs;
    }

    private void openLarge(ImageSample s) {
        viewer.show(s.path(), s.path().getFileName().toString(), vm.describe(s));
    }

    /** Asks for a folder and opens it. */
    @FXML
    public void openDataset() {
        dialogs.chooseDirectory(Messages.get("browser.openTitle"), vm.lastFolder())
                .ifPresent(vm::open);
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
        return e.getDragboard().getFiles().stream()
                .map(f -> f.toPath())
                .filter(Files::isDirectory)
                .toList();
    }
}

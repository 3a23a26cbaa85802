package studio.catdog.ui.browser;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.ui.common.ImageViewer;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.ThumbnailCache;

/**
 * The "Near-duplicates" tab: binds {@link AuditViewModel}'s leaks (a training image and its copy in
 * the test set) and groups (copies inside one split) to DuplicatesView.fxml, each finding with its
 * images side by side and, under each image, Exclude and Move to; per finding, Not duplicates.
 */
public final class DuplicatesView {

    private static final double THUMB = 150;

    private final AuditViewModel vm;
    private final ThumbnailCache thumbnails;

    @FXML
    private StackPane duplicatesHost;

    @FXML
    private ListView<DuplicateRow> duplicatesList;

    @FXML
    private Label duplicatesPlaceholder;

    @FXML
    private Label duplicatesSummary;

    private ImageViewer viewer;

    /**
     * @param vm the audit ViewModel
     * @param thumbnails decodes thumbnails
     */
    public DuplicatesView(AuditViewModel vm, ThumbnailCache thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
    }

    @FXML
    private void initialize() {
        viewer = new ImageViewer(duplicatesHost);
        duplicatesList.setItems(vm.duplicates());
        duplicatesList.setCellFactory(l -> new FindingCell());
        duplicatesPlaceholder.textProperty().bind(vm.duplicatesPlaceholderProperty());
        duplicatesPlaceholder.visibleProperty().bind(Bindings.isEmpty(vm.duplicates()));
        duplicatesList.visibleProperty().bind(Bindings.isNotEmpty(vm.duplicates()));
        duplicatesSummary
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            long leaks = vm.duplicates().stream()
                                    .filter(r -> r.kind() == AuditRows.DuplicateKind.LEAK)
                                    .count();
                            long groups = vm.duplicates().size() - leaks;
                            return vm.reportProperty().get() == null
                                    ? ""
                                    : Messages.get("audit.duplicatesSummary", leaks, groups);
                        },
                        vm.duplicates(),
                        vm.reportProperty()));
    }

    private void open(AuditItem item) {
        viewer.show(item.path(), item.fileName(), vm.describe(item));
    }

    /** One finding: its title and the images side by side, each with its actions. */
    private final class FindingCell extends ListCell<DuplicateRow> {

        private final FontIcon icon = new FontIcon();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final Button keep = new Button(Messages.get("audit.notDuplicates"), new FontIcon("mdal-check"));
        private final Button undoKeep = new Button(Messages.get("common.undo"), new FontIcon("mdmz-undo"));
        // Tiles wrap onto more lines when a group has more images than fit: every Exclude and Move stays in view.
        private final FlowPane tiles = new FlowPane(12, 12);
        private final List<Tile> pool = new ArrayList<>();
        private final VBox box;

        FindingCell() {
            title.getStyleClass().add("text-bold");
            detail.getStyleClass().add("text-muted");
            keep.setId("keepDuplicatesButton");
            keep.setTooltip(new Tooltip(Messages.get("audit.notDuplicatesTooltip")));
            undoKeep.setId("undoKeepDuplicatesButton");
            keep.setOnAction(e -> vm.keepDuplicates(getItem()));
            undoKeep.setOnAction(e -> {
                AuditChange c = vm.changeFor(getItem());
                if (c != null) {
                    vm.undo(c);
                }
            });
            title.setWrapText(true);
            detail.setWrapText(true);
            VBox words = new VBox(2, title, detail);
            // The words take the room beside the buttons and wrap, so "Not duplicates" stays in view.
            words.setMinWidth(0);
            HBox.setHgrow(words, Priority.ALWAYS);
            keep.setMinWidth(Region.USE_PREF_SIZE);
            undoKeep.setMinWidth(Region.USE_PREF_SIZE);
            HBox header = new HBox(8, icon, words, keep, undoKeep);
            header.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(8, header, tiles);
            getStyleClass().add("audit-row");
            // The row is as wide as the list, never wider (no horizontal scrolling to reach the actions).
            setPrefWidth(0);
            tiles.prefWrapLengthProperty().bind(widthProperty().subtract(30));
        }

        @Override
        protected void updateItem(DuplicateRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                pool.forEach(t -> t.thumb.show(null));
                setGraphic(null);
                return;
            }
            boolean leak = row.kind() == AuditRows.DuplicateKind.LEAK;
            icon.setIconLiteral(leak ? "mdal-error_outline" : "mdal-content_copy");
            icon.getStyleClass().setAll("ikonli-font-icon", leak ? "danger" : "accent");
            title.setText(row.title());
            detail.setText(row.detail());
            keep.setVisible(!row.kept());
            keep.setManaged(!row.kept());
            boolean undoable = row.kept() && vm.changeFor(row) != null;
            undoKeep.setVisible(undoable);
            undoKeep.setManaged(undoable);
            while (pool.size() < row.items().size()) {
                pool.add(new Tile());
            }
            List<Node> shown = new ArrayList<>();
            for (int i = 0; i < row.items().size(); i++) {
                Tile t = pool.get(i);
                t.show(row.items().get(i), leak && i == 1);
                shown.add(t.box);
            }
            tiles.getChildren().setAll(shown);
            setGraphic(box);
        }
    }

    /** One image of a finding, with its actions. */
    private final class Tile {

        final Thumbnail thumb;
        private final Label file = new Label();
        private final Label where = new Label();
        private final Label status = new Label();
        private final Button exclude = new Button(Messages.get("audit.exclude"), new FontIcon("mdal-block"));
        private final MenuButton move =
                new MenuButton(Messages.get("audit.moveToMenu"), new FontIcon("mdal-arrow_forward"));
        private final Button undo = new Button(Messages.get("common.undo"), new FontIcon("mdmz-undo"));
        final VBox box;
        private AuditItem item;

        Tile() {
            thumb = new Thumbnail(thumbnails, THUMB, p -> open(item));
            thumb.getStyleClass().add("audit-thumb");
            file.getStyleClass().add("text-bold");
            file.setMaxWidth(THUMB + 60);
            where.getStyleClass().add("text-muted");
            status.getStyleClass().add("audit-status");
            exclude.setId("excludeDuplicateButton");
            exclude.setTooltip(new Tooltip(Messages.get("audit.excludeCopyTooltip")));
            move.setId("moveDuplicateButton");
            undo.setId("undoDuplicateButton");
            exclude.setOnAction(e -> vm.exclude(item));
            undo.setOnAction(e -> vm.undo(item));
            HBox actions = new HBox(6, exclude, move, undo);
            box = new VBox(4, thumb, file, where, status, actions);
            box.getStyleClass().add("audit-tile");
        }

        void show(AuditItem it, boolean testCopy) {
            item = it;
            thumb.show(it.path());
            file.setText(it.fileName());
            where.setText(it.where() + (testCopy ? Messages.get("audit.testCopy") : ""));
            status.setText(it.statusText());
            status.setVisible(!it.statusText().isEmpty());
            status.setManaged(status.isVisible());
            boolean open = it.actionable();
            exclude.setVisible(open);
            exclude.setManaged(open);
            move.setVisible(open);
            move.setManaged(open);
            List<MenuItem> items = new ArrayList<>();
            for (String cls : vm.otherClasses(it)) {
                MenuItem mi = new MenuItem(cls);
                mi.setOnAction(e -> vm.move(item, cls));
                items.add(mi);
            }
            move.getItems().setAll(items);
            boolean undoable = !open && it.status() != AuditRows.Status.WORKING && vm.changeFor(it) != null;
            undo.setVisible(undoable);
            undo.setManaged(undoable);
        }
    }
}

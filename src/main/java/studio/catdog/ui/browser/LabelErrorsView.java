package studio.catdog.ui.browser;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.core.audit.DatasetAudit;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.ui.common.ImageViewer;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.ThumbnailCache;

/**
 * The "Possible label errors" tab: binds {@link AuditViewModel}'s ranked suspects to
 * LabelErrorsView.fxml, one row per suspect with its thumbnail, file, given and suggested class, score
 * and the actions Move to the suggested class, Exclude, Keep (or Undo once one was taken).
 */
public final class LabelErrorsView {

    private static final double THUMB = 88;
    /** The evidence's thumbnails: the nearest images of the given and of the suggested class. */
    private static final double EVIDENCE_THUMB = 52;

    private final AuditViewModel vm;
    private final ThumbnailCache thumbnails;

    @FXML
    private StackPane suspectsHost;

    @FXML
    private ListView<SuspectRow> suspectsList;

    @FXML
    private Label suspectsPlaceholder;

    @FXML
    private Label auditSummary;

    private ImageViewer viewer;

    /**
     * @param vm the audit ViewModel
     * @param thumbnails decodes thumbnails
     */
    public LabelErrorsView(AuditViewModel vm, ThumbnailCache thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
    }

    @FXML
    private void initialize() {
        viewer = new ImageViewer(suspectsHost);
        suspectsList.setItems(vm.suspects());
        suspectsList.setCellFactory(l -> new SuspectCell());
        suspectsPlaceholder.textProperty().bind(vm.suspectsPlaceholderProperty());
        suspectsPlaceholder.visibleProperty().bind(Bindings.isEmpty(vm.suspects()));
        suspectsList.visibleProperty().bind(Bindings.isNotEmpty(vm.suspects()));
        auditSummary
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.runningProperty().get()
                                ? vm.stepProperty().get()
                                : vm.summaryProperty().get().isEmpty()
                                        ? vm.stepProperty().get()
                                        : vm.summaryProperty().get(),
                        vm.runningProperty(),
                        vm.stepProperty(),
                        vm.summaryProperty()));
    }

    private void open(AuditItem item) {
        viewer.show(item.path(), item.fileName(), vm.describe(item));
    }

    private Thumbnail[] evidenceThumbs() {
        Thumbnail[] t = new Thumbnail[DatasetAudit.EVIDENCE_IMAGES];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Thumbnail(
                    thumbnails,
                    EVIDENCE_THUMB,
                    p -> viewer.show(p, p.getFileName().toString(), ""));
            t[i].getStyleClass().add("audit-thumb");
        }
        return t;
    }

    private static void showAll(Thumbnail[] thumbs, List<ImageSample> images) {
        for (int i = 0; i < thumbs.length; i++) {
            boolean has = i < images.size();
            thumbs[i].show(has ? images.get(i).path() : null);
            thumbs[i].setVisible(has);
            thumbs[i].setManaged(has);
        }
    }

    /** One suspect: rank, thumbnail, what the audit says, its evidence, and the actions in place. */
    private final class SuspectCell extends ListCell<SuspectRow> {

        private final Label rank = new Label();
        private final Thumbnail thumb =
                new Thumbnail(thumbnails, THUMB, p -> open(getItem().item()));
        private final Label file = new Label();
        private final Label tier = new Label();
        private final Label verdict = new Label();
        private final Label score = new Label();
        private final Label status = new Label();
        private final Label evidence = new Label();
        private final Label split = new Label();
        private final Label givenCaption = new Label();
        private final Label suggestedCaption = new Label();
        private final Thumbnail[] givenNeighbours = evidenceThumbs();
        private final Thumbnail[] suggestedNeighbours = evidenceThumbs();
        private final Tooltip tierTip = new Tooltip();
        private final Tooltip evidenceTip = new Tooltip();
        private final Button move = new Button();
        private final Button exclude = new Button(Messages.get("audit.exclude"), new FontIcon("mdal-block"));
        private final Button keep = new Button(Messages.get("audit.keep"), new FontIcon("mdal-check"));
        private final Button undo = new Button(Messages.get("common.undo"), new FontIcon("mdmz-undo"));
        private final HBox box;

        SuspectCell() {
            rank.getStyleClass().addAll("audit-rank", "text-muted");
            rank.setMinWidth(36);
            file.getStyleClass().add("text-bold");
            verdict.getStyleClass().add("audit-verdict");
            verdict.setWrapText(true);
            score.getStyleClass().add("text-muted");
            status.getStyleClass().add("audit-status");
            move.setId("moveSuggestedButton");
            move.setGraphic(new FontIcon("mdal-arrow_forward"));
            move.getStyleClass().add("accent");
            exclude.setId("excludeSuspectButton");
            exclude.setTooltip(new Tooltip(Messages.get("audit.excludeTooltip")));
            keep.setId("keepSuspectButton");
            keep.setTooltip(new Tooltip(Messages.get("audit.keepTooltip")));
            undo.setId("undoSuspectButton");
            move.setOnAction(e -> vm.acceptSuggestion(getItem()));
            exclude.setOnAction(e -> vm.exclude(getItem().item()));
            keep.setOnAction(e -> vm.keep(getItem()));
            undo.setOnAction(e -> vm.undo(getItem().item()));
            tierTip.setWrapText(true);
            tierTip.setMaxWidth(420);
            tier.setTooltip(tierTip);
            evidence.setTooltip(evidenceTip);
            evidence.getStyleClass().add("text-muted");
            evidence.setWrapText(true);
            split.getStyleClass().addAll("label", "audit-tier", "possible");
            split.setText(Messages.get("audit.suspect.testImage"));
            givenCaption.getStyleClass().addAll("text-small", "text-muted");
            suggestedCaption.getStyleClass().addAll("text-small", "text-muted");
            HBox givenRow = new HBox(4, givenCaption);
            givenRow.getChildren().addAll(givenNeighbours);
            givenRow.setAlignment(Pos.CENTER_LEFT);
            givenRow.setId("givenClassNeighbours");
            HBox suggestedRow = new HBox(4, suggestedCaption);
            suggestedRow.getChildren().addAll(suggestedNeighbours);
            suggestedRow.setAlignment(Pos.CENTER_LEFT);
            suggestedRow.setId("suggestedClassNeighbours");
            givenCaption.setMinWidth(120);
            suggestedCaption.setMinWidth(120);
            VBox text = new VBox(
                    3, new HBox(8, file, tier, split), verdict, evidence, score, status, givenRow, suggestedRow);
            text.setAlignment(Pos.CENTER_LEFT);
            // The text takes the room left beside the actions and wraps, so the actions stay in view.
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox actions = new HBox(6, move, exclude, keep, undo);
            actions.setMinWidth(Region.USE_PREF_SIZE);
            actions.setAlignment(Pos.CENTER_RIGHT);
            thumb.getStyleClass().add("audit-thumb");
            box = new HBox(10, rank, thumb, text, actions);
            box.setAlignment(Pos.CENTER_LEFT);
            getStyleClass().add("audit-row");
            // The row is as wide as the list, never wider (no horizontal scrolling to reach the actions).
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(SuspectRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                thumb.show(null);
                setGraphic(null);
                return;
            }
            AuditItem item = row.item();
            rank.setText("#" + row.rank());
            thumb.show(item.path());
            file.setText(item.fileName());
            tier.setText(row.tierText());
            tierTip.setText(row.tierMeasured());
            split.setVisible(row.testImage());
            split.setManaged(row.testImage());
            evidence.setText(row.evidenceText());
            // The row elides a long sentence; the tooltip keeps all of it.
            evidenceTip.setText(row.evidenceText());
            givenCaption.setText(
                    Messages.get("audit.suspect.nearestGiven", row.suspect().givenClass()));
            suggestedCaption.setText(
                    Messages.get("audit.suspect.nearestSuggested", row.suspect().suggestedClass()));
            showAll(givenNeighbours, row.suspect().givenClassNeighbours());
            showAll(suggestedNeighbours, row.suspect().suggestedClassNeighbours());
            tier.getStyleClass().setAll("label", "audit-tier", row.suspect().likely() ? "likely" : "possible");
            verdict.setText(row.verdict());
            score.setText(item.where() + " · " + row.scoreText());
            status.setText(item.statusText());
            status.setVisible(!item.statusText().isEmpty());
            status.setManaged(status.isVisible());
            move.setText(Messages.get("audit.moveTo", row.suspect().suggestedClass()));
            boolean open = item.actionable();
            for (Button b : new Button[] {move, exclude, keep}) {
                b.setVisible(open);
                b.setManaged(open);
            }
            boolean undoable = item.status() != AuditRows.Status.OPEN
                    && item.status() != AuditRows.Status.WORKING
                    && vm.changeFor(item) != null;
            undo.setVisible(undoable);
            undo.setManaged(undoable);
            setGraphic(box);
        }
    }
}

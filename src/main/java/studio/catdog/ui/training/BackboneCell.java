package studio.catdog.ui.training;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** One pinned backbone in the training pane's list: its name, then size, speed here and state. */
final class BackboneCell extends ListCell<BackboneRow> {

    private final Label title = new Label();
    private final Label details = new Label();
    private final VBox box = new VBox(1, title, details);

    BackboneCell() {
        title.getStyleClass().add("text-bold");
        details.getStyleClass().addAll("text-muted", "text-small");
    }

    @Override
    protected void updateItem(BackboneRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        title.setText(row.title());
        details.setText(row.details());
        setTooltip(new Tooltip(row.id() + ": " + row.details()));
        setGraphic(box);
    }
}

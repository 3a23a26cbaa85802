package studio.catdog.ui.training;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
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
        // The row is as wide as the list and its words wrap: the narrow Training pane showed
        // "ResNet50 v1, ONNX int8 — default he" and a sideways scroll bar.
        title.setWrapText(true);
        details.setWrapText(true);
        box.setMinWidth(0);
        setPrefWidth(0);
        // A cell asks its graphic for its height without a width, so a wrapped label would be one line high and
        // end in "...": each label's preferred width is the row's, and its height follows from that.
        DoubleBinding room = Bindings.createDoubleBinding(
                () -> Math.max(40, getWidth() - snappedLeftInset() - snappedRightInset()),
                widthProperty(),
                paddingProperty());
        for (Label label : new Label[] {title, details}) {
            label.prefWidthProperty().bind(room);
            // The height of all its lines at that width (a label asked without a width answers one line).
            label.minHeightProperty()
                    .bind(Bindings.createDoubleBinding(
                            () -> label.prefHeight(room.get()), room, label.textProperty(), label.fontProperty()));
        }
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
        setTooltip(new Tooltip(row.title() + "\n" + row.id() + ": " + row.details()));
        setGraphic(box);
    }
}

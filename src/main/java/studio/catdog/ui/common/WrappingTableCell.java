package studio.catdog.ui.common;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * A table cell whose text wraps onto more lines instead of being cut, with the whole text in a tooltip (the
 * "Why" of a data set's problems, the Help window's third-party list).
 *
 * <p>The text is a {@link Text} wrapped at the column's width: a cell's own wrapped text keeps the row one line
 * high and ends in "..." (seen as "not an image ..." in a 160-pixel column; issue 20), while a {@code Text} with a
 * wrapping width asks for the height of all its lines, and the row grows to it.
 *
 * @param <S> the row type
 */
public final class WrappingTableCell<S> extends TableCell<S, String> {

    private final Tooltip whole = new Tooltip();
    private final Text lines = new Text();

    /** A cell that wraps. */
    public WrappingTableCell() {
        lines.getStyleClass().add("wrapping-cell-text");
        // The cell's text colour (selected rows included) is the Text's fill.
        lines.fillProperty().bind(textFillProperty());
        lines.fontProperty().bind(fontProperty());
        lines.wrappingWidthProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> Math.max(20, getWidth() - snappedLeftInset() - snappedRightInset() - 2),
                        widthProperty(),
                        paddingProperty()));
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        boolean shown = !empty && text != null;
        lines.setText(shown ? text : "");
        setGraphic(shown ? lines : null);
        whole.setText(text);
        setTooltip(shown ? whole : null);
    }
}

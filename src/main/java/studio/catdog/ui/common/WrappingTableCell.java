package studio.catdog.ui.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell whose text wraps onto more lines instead of being cut, with the whole text in a tooltip (the
 * "Why" of a data set's problems, a third-party component's name).
 *
 * @param <S> the row type
 */
public final class WrappingTableCell<S> extends TableCell<S, String> {

    private final Tooltip whole = new Tooltip();

    /** A cell that wraps. */
    public WrappingTableCell() {
        setWrapText(true);
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        setText(empty ? null : text);
        whole.setText(text);
        setTooltip(empty || text == null ? null : whole);
    }
}

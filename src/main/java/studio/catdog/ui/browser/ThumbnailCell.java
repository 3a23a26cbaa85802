package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;
import studio.catdog.ui.common.ThumbnailCache;

/**
 * A grid cell that shows a placeholder, asks the cache for the thumbnail and swaps it in when it is
 * ready, if the cell still shows the same item. A click opens the item (a newcomer does not guess a double-click;
 * issue 20).
 *
 * @param <T> the item type
 */
public final class ThumbnailCell<T> extends GridCell<T> {

    private final Function<T, Path> pathOf;
    private final Function<T, String> captionOf;
    private final Thumbnail frame;
    private final Label caption = new Label();
    private final VBox box;

    /**
     * @param cache the thumbnail cache
     * @param size the thumbnail edge
     * @param pathOf the image file of an item
     * @param captionOf the caption of an item
     * @param open called on a click
     */
    public ThumbnailCell(
            ThumbnailCache cache,
            double size,
            Function<T, Path> pathOf,
            Function<T, String> captionOf,
            Consumer<T> open) {
        this.pathOf = pathOf;
        this.captionOf = captionOf;
        // The whole cell (caption included) takes the click, so the picture does not.
        this.frame = new Thumbnail(cache, size, null);
        caption.getStyleClass().add("thumb-caption");
        caption.setMaxWidth(size);
        box = new VBox(2, frame, caption);
        box.setAlignment(Pos.TOP_CENTER);
        getStyleClass().add("thumb-cell");
        setGraphic(null);
        setCursor(Cursor.HAND);
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && getItem() != null) {
                open.accept(getItem());
            }
        });
    }

    /**
     * Makes a thumbnail grid one stop of the Tab key (its inner scrolling flow would be a second, invisible one).
     *
     * @param grid the grid
     */
    public static void oneTabStop(GridView<?> grid) {
        grid.skinProperty().addListener((o, a, skin) -> {
            Node flow = grid.lookup(".virtual-flow");
            if (flow != null) {
                flow.setFocusTraversable(false);
            }
        });
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            frame.show(null);
            setGraphic(null);
            return;
        }
        caption.setText(captionOf.apply(item));
        setGraphic(box);
        frame.show(pathOf.apply(item));
    }
}

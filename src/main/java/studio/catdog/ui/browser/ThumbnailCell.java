package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.ui.common.ThumbnailCache;

/**
 * A grid cell that shows a placeholder, asks the cache for the thumbnail and swaps it in when it is
 * ready, if the cell still shows the same item. Double-click opens the item.
 *
 * @param <T> the item type
 */
public final class ThumbnailCell<T> extends GridCell<T> {

    private final ThumbnailCache cache;
    private final Function<T, Path> pathOf;
    private final Function<T, String> captionOf;
    private final ImageView view = new ImageView();
    private final FontIcon placeholder = new FontIcon("mdal-image");
    private final Label caption = new Label();
    private final VBox box;
    private volatile Path showing;

    /**
     * @param cache the thumbnail cache
     * @param size the thumbnail edge
     * @param pathOf the image file of an item
     * @param captionOf the caption of an item
     * @param open called on double-click
     */
    public ThumbnailCell(ThumbnailCache cache, double size, Function<T, Path> pathOf, Function<T, String> captionOf,
                         Consumer<T> open) {
        this.cache = cache;
        this.pathOf = pathOf;
        this.captionOf = captionOf;
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        placeholder.getStyleClass().add("thumb-placeholder");
        StackPane frame = new StackPane(placeholder, view);
        frame.setPrefSize(size, size);
        frame.setMinSize(size, size);
        caption.getStyleClass().add("thumb-caption");
        caption.setMaxWidth(size);
        VBox box = new VBox(2, frame, caption);
        box.setAlignment(Pos.TOP_CENTER);
        getStyleClass().add("thumb-cell");
        setGraphic(null);
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && getItem() != null) {
                open.accept(getItem());
            }
        });
        this.box = box;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            showing = null;
            view.setImage(null);
            setGraphic(null);
            return;
        }
        Path path = pathOf.apply(item);
        caption.setText(captionOf.apply(item));
        setGraphic(box);
        if (path.equals(showing) && view.getImage() != null) {
            return;
        }
        showing = path;
        Image hit = cache.cached(path);
        view.setImage(hit);
        placeholder.setVisible(hit == null);
        if (hit == null) {
            cache.request(path, () -> path.equals(showing), img -> {
                view.setImage(img.isError() ? null : img);
                placeholder.setIconLiteral(img.isError() ? "mdal-broken_image" : "mdal-image");
                placeholder.setVisible(img.isError());
            });
        }
    }
}

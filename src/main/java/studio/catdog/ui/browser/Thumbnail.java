package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.ui.common.ThumbnailCache;

/**
 * One thumbnail for grid cells and list rows: a placeholder until the cache delivers the picture, which
 * is shown only if the node still shows the same file (cells and rows are reused). A click opens
 * the file.
 */
final class Thumbnail extends StackPane {

    private final ThumbnailCache cache;
    private final ImageView view = new ImageView();
    private final FontIcon placeholder = new FontIcon("mdal-image");
    private volatile Path showing;

    /**
     * @param cache the thumbnail cache
     * @param size the edge in pixels
     * @param open called with the file on a click, or null where the parent handles clicks
     */
    Thumbnail(ThumbnailCache cache, double size, Consumer<Path> open) {
        this.cache = cache;
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        placeholder.getStyleClass().add("thumb-placeholder");
        getChildren().addAll(placeholder, view);
        setPrefSize(size, size);
        setMinSize(size, size);
        setMaxSize(size, size);
        if (open != null) {
            setCursor(Cursor.HAND);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && showing != null) {
                    open.accept(showing);
                }
            });
        }
    }

    /**
     * Shows a file (UI thread).
     *
     * @param path the image, or null for none
     */
    void show(Path path) {
        if (path != null && path.equals(showing) && view.getImage() != null) {
            return;
        }
        showing = path;
        if (path == null) {
            view.setImage(null);
            placeholder.setVisible(true);
            return;
        }
        Image hit = cache.cached(path);
        view.setImage(hit);
        placeholder.setIconLiteral("mdal-image");
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

package studio.catdog.ui.common;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A large view of one image, laid over its workspace (click, Escape or the close button dismisses
 * it). The image loads in the background; the caption says what the image is.
 */
public final class ImageViewer {

    private final StackPane host;
    private BorderPane overlay;

    /**
     * @param host the pane the viewer is laid over
     */
    public ImageViewer(StackPane host) {
        this.host = host;
    }

    /**
     * Shows an image.
     *
     * @param path the image file
     * @param title the first caption line (file name, label)
     * @param details the second caption line (size, probabilities)
     */
    public void show(Path path, String title, String details) {
        close();
        Image image = new Image(path.toUri().toString(), 900, 900, true, true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        view.fitWidthProperty().bind(host.widthProperty().subtract(80));
        view.fitHeightProperty().bind(host.heightProperty().subtract(140));
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("title-4");
        titleLabel.setId("viewerTitle");
        Label detailLabel = new Label(details);
        detailLabel.setId("viewerDetails");
        Button close = new Button(null, new FontIcon("mdal-close"));
        close.getStyleClass().addAll("button-icon", "flat");
        close.setOnAction(e -> close());
        VBox caption = new VBox(4, titleLabel, detailLabel);
        caption.setAlignment(Pos.CENTER);
        overlay = new BorderPane(view, close, null, caption, null);
        BorderPane.setAlignment(close, Pos.TOP_RIGHT);
        overlay.setPadding(new Insets(16));
        overlay.setId("imageViewer");
        overlay.getStyleClass().add("image-viewer");
        overlay.setOnMouseClicked(e -> close());
        overlay.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
            }
        });
        host.getChildren().add(overlay);
        overlay.requestFocus();
    }

    /** @return whether an image is shown */
    public boolean isShowing() {
        return overlay != null;
    }

    /** Hides the viewer. */
    public void close() {
        if (overlay != null) {
            host.getChildren().remove(overlay);
            overlay = null;
        }
    }
}

package studio.catdog.ui.common;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.core.Failures;
import studio.catdog.core.prediction.Saliency;

/**
 * A large view of one image, laid over its workspace (click, Escape or the close button dismisses
 * it). The image loads in the background; the caption says what the image is. An optional "Why?"
 * toggle lays the explanation of the model's answer over the image.
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
        show(path, title, details, null, null);
    }

    /**
     * Shows an image with a "Why?" toggle that lays the explanation of the model's answer over it.
     *
     * @param path the image file
     * @param title the first caption line
     * @param details the second caption line
     * @param explainer computes the explanation (completes on the UI thread); null for no toggle
     * @param executor renders the heat layer in the background; null for no toggle
     */
    public void show(
            Path path,
            String title,
            String details,
            Supplier<CompletableFuture<Saliency>> explainer,
            TaskExecutor executor) {
        close();
        Image image = new Image(path.toUri().toString(), 900, 900, true, true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        view.fitWidthProperty().bind(host.widthProperty().subtract(80));
        view.fitHeightProperty().bind(host.heightProperty().subtract(160));
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("title-4");
        titleLabel.setId("viewerTitle");
        Label detailLabel = new Label(details);
        detailLabel.setId("viewerDetails");
        // The explanation ("warm areas show …") is long: it wraps within the picture's width instead of being cut.
        detailLabel.setWrapText(true);
        detailLabel.setTextAlignment(TextAlignment.CENTER);
        detailLabel.maxWidthProperty().bind(host.widthProperty().subtract(80));
        Button close = new Button(null, new FontIcon("mdal-close"));
        close.getStyleClass().addAll("button-icon", "flat");
        close.setOnAction(e -> close());
        VBox caption = new VBox(4, titleLabel, detailLabel);
        caption.setAlignment(Pos.CENTER);
        StackPane picture = new StackPane(view);
        if (explainer != null && executor != null) {
            ToggleButton why = new ToggleButton(Messages.get("common.why"), new FontIcon("mdal-lightbulb"));
            why.setId("viewerWhy");
            why.getStyleClass().add("why-toggle");
            why.addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
            ImageView heat = HeatLayers.overlayFor(view, why.selectedProperty());
            heat.setId("viewerHeat");
            picture.getChildren().add(heat);
            why.selectedProperty().addListener((o, a, on) -> {
                if (on && heat.getImage() == null && !why.getText().equals(Messages.get("common.explaining"))) {
                    why.setText(Messages.get("common.explaining"));
                    explainer.get().whenComplete((s, e) -> {
                        why.setText(Messages.get("common.why"));
                        if (e != null) {
                            why.setSelected(false);
                            detailLabel.setText(details + Messages.get("common.cannotExplain", Failures.describe(e)));
                        } else {
                            HeatLayers.show(s, view, heat, executor);
                            detailLabel.setText(details
                                    + Messages.get(
                                            "common.warmAreas", s.className(), Formats.decimal(s.max() * 100, 0)));
                        }
                    });
                }
            });
            caption.getChildren().add(why);
        }
        overlay = new BorderPane(picture, close, null, caption, null);
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

    /** Hides the viewer. */
    public void close() {
        if (overlay != null) {
            host.getChildren().remove(overlay);
            overlay = null;
        }
    }
}

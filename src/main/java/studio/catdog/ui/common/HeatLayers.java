package studio.catdog.ui.common;

import java.awt.image.BufferedImage;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.prediction.SaliencyOverlay;

/**
 * Turns a {@link Saliency} map into an FX image laid over the picture it explains: an
 * {@link ImageView} with the same fit size and aspect ratio as the picture's, so the two line up.
 */
public final class HeatLayers {

    private HeatLayers() {}

    /**
     * Renders the heat layer for an image of the given size (any thread; a plain pixel copy).
     *
     * @param saliency the map
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @return a translucent ARGB image of that size
     */
    public static WritableImage render(Saliency saliency, int width, int height) {
        BufferedImage layer = SaliencyOverlay.heatLayer(saliency, width, height);
        int[] argb = layer.getRGB(0, 0, width, height, null, 0, width);
        WritableImage img = new WritableImage(width, height);
        img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return img;
    }

    /**
     * Creates the overlay view for a picture view: same fit size, ratio kept, ignoring the mouse,
     * shown only while {@code shown} is true.
     *
     * @param picture the view showing the picture
     * @param shown when to show the heat
     * @return the overlay, empty until {@link #show} gives it a layer
     */
    public static ImageView overlayFor(ImageView picture, ObservableBooleanValue shown) {
        ImageView heat = new ImageView();
        heat.setPreserveRatio(true);
        heat.fitWidthProperty().bind(picture.fitWidthProperty());
        heat.fitHeightProperty().bind(picture.fitHeightProperty());
        heat.setMouseTransparent(true);
        heat.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> shown.get() && heat.getImage() != null, shown, heat.imageProperty()));
        heat.getStyleClass().add("heat-overlay");
        return heat;
    }

    /**
     * Renders a map over the picture once the picture has loaded, off the UI thread.
     *
     * @param saliency the map
     * @param picture the picture's view
     * @param heat the overlay from {@link #overlayFor}
     * @param executor renders in the background and sets the layer on the UI thread
     */
    public static void show(Saliency saliency, ImageView picture, ImageView heat, TaskExecutor executor) {
        Image img = picture.getImage();
        if (img == null) {
            picture.imageProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Image> o, Image a, Image b) {
                    picture.imageProperty().removeListener(this);
                    show(saliency, picture, heat, executor);
                }
            });
            return;
        }
        if (img.getProgress() < 1 || img.getWidth() <= 0) {
            img.progressProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number a, Number b) {
                    if (b.doubleValue() >= 1) {
                        img.progressProperty().removeListener(this);
                        show(saliency, picture, heat, executor);
                    }
                }
            });
            return;
        }
        int w = (int) Math.round(img.getWidth());
        int h = (int) Math.round(img.getHeight());
        executor.runInBackground(() -> {
            WritableImage layer = render(saliency, w, h);
            executor.runOnUi(() -> heat.setImage(layer));
        });
    }
}

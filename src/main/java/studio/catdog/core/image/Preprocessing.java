package studio.catdog.core.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an image becomes a backbone input: scale so the shorter side is {@code resize} pixels, cut the
 * centre {@code crop} x {@code crop} square, scale RGB to [0,1] and normalise each channel with
 * {@code mean} and {@code std}, exactly as torchvision's ImageNet evaluation transform does it
 * ({@link ImagePreprocessor}). The same values are used in training and prediction and are stored
 * with every model and every cached feature vector.
 *
 * @param resize length of the shorter side after scaling
 * @param crop side of the centre square given to the backbone
 * @param mean per-channel mean (R, G, B) subtracted after scaling to [0,1]
 * @param std per-channel standard deviation (R, G, B)
 */
public record Preprocessing(int resize, int crop, float[] mean, float[] std) {

    /** The standard ImageNet evaluation preprocessing (resize 256, centre crop 224). */
    public static final Preprocessing IMAGENET =
            new Preprocessing(256, 224, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /** Validates the values. */
    public Preprocessing {
        if (crop < 1 || resize < crop) {
            throw new IllegalArgumentException("need 1 <= crop <= resize, got crop " + crop + ", resize " + resize);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** @return the number of floats of one preprocessed image (3 x crop x crop) */
    public int tensorSize() {
        return 3 * crop * crop;
    }

    /**
     * A stable text form, used in cache keys and model files: equal preprocessing, equal id. It names
     * the transform's version, so features made by another resize never count as cached (v1 was a
     * Java2D bilinear resize; v2 is torchvision's transform with Pillow's resize).
     *
     * @return the identity string
     */
    public String id() {
        return String.format(
                        Locale.ROOT,
                        "resize%d-crop%d-mean%s-std%s-rgb-torchvision-pil-bilinear-v2",
                        resize,
                        crop,
                        Arrays.toString(mean),
                        Arrays.toString(std))
                .replace(" ", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p
                && p.resize == resize
                && p.crop == crop
                && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return id();
    }
}

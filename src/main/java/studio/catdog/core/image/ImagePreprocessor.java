package studio.catdog.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Turns a decoded image into the normalised CHW float array a backbone expects: exactly torchvision's
 * standard ImageNet evaluation transform on a Pillow RGB image, {@code Resize(resize)},
 * {@code CenterCrop(crop)}, {@code ToTensor()}, {@code Normalize(mean, std)}, so that any client that
 * runs those four steps (an exported model's users) feeds the model the same numbers:
 *
 * <ul>
 *   <li>the shorter side becomes {@code resize}, the longer {@code (int) (resize * long / short)}
 *       (truncated, as torchvision computes it);
 *   <li>the resize is Pillow's {@code BILINEAR} ({@link PillowResize}): antialiased, two 8-bit passes in
 *       Pillow's fixed point, so not one level differs;
 *   <li>the crop's offsets are {@code round((size - crop) / 2)} with Python's rounding (half to even);
 *   <li>each value is {@code (v / 255f - mean) / std} in float arithmetic, as torch computes it.
 * </ul>
 *
 * Only the pixels the crop needs are resampled (each output pixel depends on its own weights only, so
 * the values are those of the whole resize). Pure Java, no NDArrays, so it runs on any thread.
 * Images with transparency are first composed over white, as image viewers show them.
 */
public final class ImagePreprocessor {

    /** The transform's name, as written in {@code preprocessing.json} and model files. */
    public static final String TRANSFORM =
            "torchvision ImageNet evaluation: Resize(resize, PIL bilinear, antialias), CenterCrop(crop), ToTensor, "
                    + "Normalize(mean, std)";

    private ImagePreprocessor() {}

    /**
     * Resizes (shorter side to {@code resize}), centre-crops and normalises.
     *
     * @param image the decoded image, any type
     * @param p the preprocessing
     * @return {@code 3 * crop * crop} floats, channel-major (R plane, G plane, B plane)
     */
    public static float[] toTensor(BufferedImage image, Preprocessing p) {
        int crop = p.crop();
        int[] pixels = crop(image, p.resize(), crop);
        float[] mean = p.mean();
        float[] std = p.std();
        int plane = crop * crop;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int px = pixels[i];
            // ToTensor divides by 255, Normalize subtracts and divides: the same float operations in the
            // same order as torch, so the values are bit for bit torchvision's.
            out[i] = (((px >> 16) & 0xFF) / 255f - mean[0]) / std[0];
            out[plane + i] = (((px >> 8) & 0xFF) / 255f - mean[1]) / std[1];
            out[2 * plane + i] = ((px & 0xFF) / 255f - mean[2]) / std[2];
        }
        return out;
    }

    /**
     * The centre crop after the resize, as an image (for tests and overlays).
     *
     * @param image the source image
     * @param resize the shorter side after resize
     * @param crop the output side
     * @return a {@code TYPE_INT_RGB} image of {@code crop x crop}
     */
    public static BufferedImage cropAndScale(BufferedImage image, int resize, int crop) {
        BufferedImage out = new BufferedImage(crop, crop, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, crop, crop, crop(image, resize, crop), 0, crop);
        return out;
    }

    /**
     * The resized and centre-cropped pixels.
     *
     * @param image the source image
     * @param resize the shorter side after resize
     * @param crop the output side
     * @return {@code crop * crop} packed {@code 0xRRGGBB} values, row by row
     */
    static int[] crop(BufferedImage image, int resize, int crop) {
        int[] size = resizedSize(image.getWidth(), image.getHeight(), resize);
        int left = centreOffset(size[0], crop);
        int top = centreOffset(size[1], crop);
        return PillowResize.region(new Rgb(image), size[0], size[1], left, top, crop, crop);
    }

    /**
     * torchvision's {@code Resize(resize)} size for an image: the shorter side becomes {@code resize},
     * the longer {@code int(resize * long / short)}.
     *
     * @param width the image's width
     * @param height its height
     * @param resize the shorter side after resize
     * @return {width, height} after the resize
     */
    static int[] resizedSize(int width, int height, int resize) {
        if (width <= height) {
            return new int[] {resize, (int) ((double) resize * height / width)};
        }
        return new int[] {(int) ((double) resize * width / height), resize};
    }

    /** torchvision's {@code CenterCrop} offset: {@code int(round((size - crop) / 2.0))}, half to even. */
    static int centreOffset(int size, int crop) {
        return (int) Math.rint((size - crop) / 2.0);
    }

    /**
     * The region of an image that the centre crop shows, as fractions of its width and height
     * (x, y, width, height), so overlays computed on the crop can be drawn on the whole picture.
     *
     * @param width image width
     * @param height image height
     * @param p the preprocessing
     * @return {x, y, w, h} in [0, 1]
     */
    public static double[] cropRegion(int width, int height, Preprocessing p) {
        int[] size = resizedSize(width, height, p.resize());
        int crop = p.crop();
        return new double[] {
            (double) centreOffset(size[0], crop) / size[0],
            (double) centreOffset(size[1], crop) / size[1],
            (double) crop / size[0],
            (double) crop / size[1]
        };
    }

    /**
     * An image's pixels as 8-bit RGB, read a rectangle at a time: the common decoder types directly
     * (grey replicated into R, G and B, as Pillow's {@code convert("RGB")} does), anything else through
     * Java2D; transparent pixels composed over white.
     */
    static final class Rgb {
        private final BufferedImage image;
        private final boolean alpha;
        private final boolean gray;

        Rgb(BufferedImage source) {
            int type = source.getType();
            boolean direct = type == BufferedImage.TYPE_INT_RGB
                    || type == BufferedImage.TYPE_INT_ARGB
                    || type == BufferedImage.TYPE_3BYTE_BGR
                    || type == BufferedImage.TYPE_4BYTE_ABGR
                    || type == BufferedImage.TYPE_INT_BGR
                    || type == BufferedImage.TYPE_BYTE_GRAY;
            this.image = direct ? source : toArgb(source);
            this.gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
            this.alpha = !gray && image.getColorModel().hasAlpha();
        }

        int width() {
            return image.getWidth();
        }

        int height() {
            return image.getHeight();
        }

        /** @return the rectangle's pixels, packed {@code 0xRRGGBB}, row by row */
        int[] read(int x, int y, int w, int h) {
            int[] out = new int[w * h];
            if (gray) {
                int[] g = image.getRaster().getSamples(x, y, w, h, 0, (int[]) null);
                for (int i = 0; i < out.length; i++) {
                    out[i] = g[i] * 0x010101;
                }
                return out;
            }
            image.getRGB(x, y, w, h, out, 0, w);
            for (int i = 0; i < out.length; i++) {
                out[i] = alpha ? overWhite(out[i]) : out[i] & 0xFFFFFF;
            }
            return out;
        }

        private static int overWhite(int argb) {
            int a = argb >>> 24;
            if (a == 255) {
                return argb & 0xFFFFFF;
            }
            int r = ((argb >> 16) & 0xFF) * a + 255 * (255 - a);
            int g = ((argb >> 8) & 0xFF) * a + 255 * (255 - a);
            int b = (argb & 0xFF) * a + 255 * (255 - a);
            return ((r + 127) / 255) << 16 | ((g + 127) / 255) << 8 | (b + 127) / 255;
        }

        private static BufferedImage toArgb(BufferedImage source) {
            BufferedImage argb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = argb.createGraphics();
            try {
                g.drawImage(source, 0, 0, null);
            } finally {
                g.dispose();
            }
            return argb;
        }
    }
}

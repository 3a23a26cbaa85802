package studio.catdog.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

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
        int[][] planes = planes(image, p.resize(), crop);
        float[] mean = p.mean();
        float[] std = p.std();
        int plane = crop * crop;
        float[] out = new float[3 * plane];
        float[] table = new float[256];
        for (int c = 0; c < 3; c++) {
            // ToTensor divides by 255, Normalize subtracts and divides: the same float operations in the
            // same order as torch, so the values are bit for bit torchvision's (a table of the 256 levels).
            for (int v = 0; v < 256; v++) {
                table[v] = (v / 255f - mean[c]) / std[c];
            }
            int[] src = planes[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = table[src[i]];
            }
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
        int[][] planes = planes(image, resize, crop);
        int[] out = new int[crop * crop];
        for (int i = 0; i < out.length; i++) {
            out[i] = planes[0][i] << 16 | planes[1][i] << 8 | planes[2][i];
        }
        return out;
    }

    /** The resized and centre-cropped pixels as R, G and B planes of 0..255. */
    private static int[][] planes(BufferedImage image, int resize, int crop) {
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
            boolean plain = direct
                    && !source.isAlphaPremultiplied()
                    && source.getRaster().getNumBands()
                            == (type == BufferedImage.TYPE_BYTE_GRAY
                                    ? 1
                                    : source.getColorModel().hasAlpha() ? 4 : 3);
            this.image = plain ? source : toArgb(source);
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
            WritableRaster raster = image.getRaster();
            if (!alpha
                    && raster.getDataBuffer() instanceof DataBufferByte bytes
                    && bytes.getNumBanks() == 1
                    && raster.getSampleModel() instanceof ComponentSampleModel sm) {
                // A decoded photo (3-byte BGR, or grey): straight from its bytes, the fastest way.
                byte[] d = bytes.getData();
                int pixel = sm.getPixelStride();
                int line = sm.getScanlineStride();
                int[] band = sm.getBandOffsets();
                int x0 = x - raster.getSampleModelTranslateX();
                int y0 = y - raster.getSampleModelTranslateY();
                for (int row = 0; row < h; row++) {
                    int at = bytes.getOffset() + (y0 + row) * line + x0 * pixel;
                    for (int col = 0, i = row * w; col < w; col++, i++, at += pixel) {
                        out[i] = gray
                                ? (d[at + band[0]] & 0xFF) * 0x010101
                                : (d[at + band[0]] & 0xFF) << 16
                                        | (d[at + band[1]] & 0xFF) << 8
                                        | d[at + band[2]] & 0xFF;
                    }
                }
                return out;
            }
            // Otherwise the raster's samples in band order (R, G, B[, A]; grey alone): still no colour
            // model per pixel, which BufferedImage.getRGB would call.
            int[] s = raster.getPixels(x, y, w, h, (int[]) null);
            if (gray) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = s[i] * 0x010101;
                }
                return out;
            }
            int bands = image.getRaster().getNumBands();
            for (int i = 0, j = 0; i < out.length; i++, j += bands) {
                int rgb = s[j] << 16 | s[j + 1] << 8 | s[j + 2];
                out[i] = alpha ? overWhite(s[j + 3] << 24 | rgb) : rgb;
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

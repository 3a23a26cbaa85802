package studio.catdog.core.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns a decoded image into the normalised CHW float array a backbone expects. Pure Java, no
 * NDArrays, so it runs on any thread (decoding is pipelined with inference).
 */
public final class ImagePreprocessor {

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
        BufferedImage rgb = cropAndScale(image, p.resize(), crop);
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        float[] mean = p.mean();
        float[] std = p.std();
        int plane = crop * crop;
        float[] out = new float[3 * plane];
        float rScale = 1f / (255f * std[0]);
        float gScale = 1f / (255f * std[1]);
        float bScale = 1f / (255f * std[2]);
        float rShift = mean[0] / std[0];
        float gShift = mean[1] / std[1];
        float bShift = mean[2] / std[2];
        for (int i = 0; i < plane; i++) {
            int px = pixels[i];
            out[i] = ((px >> 16) & 0xFF) * rScale - rShift;
            out[plane + i] = ((px >> 8) & 0xFF) * gScale - gShift;
            out[2 * plane + i] = (px & 0xFF) * bScale - bShift;
        }
        return out;
    }

    /**
     * Cuts the centre region that maps onto the crop after a shorter-side resize to {@code resize},
     * and scales it to {@code crop x crop} RGB in one step (halving first for large downscales, so
     * bilinear filtering does not alias).
     *
     * @param image the source image
     * @param resize the shorter side after resize
     * @param crop the output side
     * @return a {@code TYPE_INT_RGB} image of {@code crop x crop}
     */
    public static BufferedImage cropAndScale(BufferedImage image, int resize, int crop) {
        double[] region = cropSource(image.getWidth(), image.getHeight(), resize, crop);
        int sx = (int) Math.round(region[0]);
        int sy = (int) Math.round(region[1]);
        int sw = Math.max(1, (int) Math.round(region[2]));
        int sh = Math.max(1, (int) Math.round(region[3]));
        BufferedImage source = image;
        while (sw >= crop * 4 && sh >= crop * 4) {
            source = scaleRegion(source, sx, sy, sw, sh, Math.max(1, sw / 2), Math.max(1, sh / 2));
            sx = 0;
            sy = 0;
            sw = source.getWidth();
            sh = source.getHeight();
        }
        return scaleRegion(source, sx, sy, sw, sh, crop, crop);
    }

    /** The centre crop in source pixels after a shorter-side resize: {x, y, width, height}. */
    private static double[] cropSource(int width, int height, int resize, int crop) {
        double scale = (double) resize / Math.min(width, height);
        double srcW = Math.min(width, crop / scale);
        double srcH = Math.min(height, crop / scale);
        return new double[] {(width - srcW) / 2, (height - srcH) / 2, srcW, srcH};
    }

    /** Draws a region of an image scaled (bilinear) into a new RGB image, transparency over white. */
    private static BufferedImage scaleRegion(BufferedImage src, int sx, int sy, int sw, int sh, int tw, int th) {
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent pixels are composed over white, as image viewers show them.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(src, 0, 0, tw, th, sx, sy, sx + sw, sy + sh, null);
        } finally {
            g.dispose();
        }
        return out;
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
        double[] r = cropSource(width, height, p.resize(), p.crop());
        return new double[] {r[0] / width, r[1] / height, r[2] / width, r[3] / height};
    }
}

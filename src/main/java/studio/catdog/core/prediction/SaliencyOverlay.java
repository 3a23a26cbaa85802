package studio.catdog.core.prediction;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws a {@link Saliency} map over its image: warm and opaque where the answer depends on it. */
public final class SaliencyOverlay {

    private SaliencyOverlay() {}

    /**
     * Renders the heat map alone, smoothly scaled to the crop region of an image of the given size,
     * transparent elsewhere (for the UI to lay over the picture it already shows).
     *
     * @param saliency the map
     * @param width image width
     * @param height image height
     * @return an ARGB image of {@code width x height}
     */
    public static BufferedImage heatLayer(Saliency saliency, int width, int height) {
        int g = saliency.grid();
        float max = Math.max(saliency.max(), 1e-6f);
        BufferedImage cells = new BufferedImage(g, g, BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                float v = saliency.at(row, col) / max;
                int alpha = Math.round(170 * v);
                Color c = Color.getHSBColor((1 - v) * 0.16f, 1f, 1f); // yellow (low) to red (high)
                cells.setRGB(col, row, (alpha << 24) | (c.getRGB() & 0xFFFFFF));
            }
        }
        double[] r = saliency.cropRegion();
        BufferedImage layer = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = layer.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g2.drawImage(
                    cells,
                    (int) Math.round(r[0] * width),
                    (int) Math.round(r[1] * height),
                    (int) Math.round(r[2] * width),
                    (int) Math.round(r[3] * height),
                    null);
        } finally {
            g2.dispose();
        }
        return layer;
    }

    /**
     * The image with the heat map drawn over it.
     *
     * @param image the upright image
     * @param saliency its map
     * @return a new RGB image
     */
    public static BufferedImage overlay(BufferedImage image, Saliency saliency) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(heatLayer(saliency, image.getWidth(), image.getHeight()), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

package studio.catdog.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small data set for the audit: warm "cats" and cool "dogs", each picture made of large random
 * shapes (so different pictures have different perceptual hashes), with one dog filed under
 * {@code training_set/cats} (a planted label error) and one training cat ({@code cat.3.jpg}, drawn
 * anew) copied, resized and re-encoded as PNG, into {@code test_set/cats} (a planted leak). With n
 * training images per class there are 2n + 1 training images (n + 1 cats) and 2m + 1 test images.
 */
public final class AuditData {

    /** The planted label error, relative to the data set. */
    public static final String MISLABELED = "training_set/cats/planted-dog.jpg";
    /** The training image that leaked, relative to the data set. */
    public static final String LEAK_SOURCE = "training_set/cats/cat.3.jpg";
    /** Its resized, re-encoded copy in the test set, relative to the data set. */
    public static final String LEAK_COPY = "test_set/cats/cat.3-resized.png";

    private AuditData() {}

    /**
     * Writes the data set.
     *
     * @param root the folder to fill
     * @param trainPerClass training images per class (before the planted ones)
     * @param testPerClass test images per class (before the planted copy)
     * @return root
     */
    public static Path write(Path root, int trainPerClass, int testPerClass) {
        Random rnd = new Random(13);
        for (String split : new String[] {"training_set", "test_set"}) {
            int n = split.equals("training_set") ? trainPerClass : testPerClass;
            for (String cls : new String[] {"cats", "dogs"}) {
                for (int i = 0; i < n; i++) {
                    String name = cls.substring(0, 3) + "." + (split.equals("test_set") ? 100 + i : i) + ".jpg";
                    TestImages.write(
                            root.resolve(split).resolve(cls).resolve(name), picture(cls.equals("cats"), rnd), "jpg");
                }
            }
        }
        TestImages.write(root.resolve(MISLABELED), picture(false, rnd), "jpg");
        return plantLeak(root);
    }

    /**
     * Plants a leak in a data set: a warm picture as {@link #LEAK_SOURCE} and its resized PNG copy as
     * {@link #LEAK_COPY}.
     *
     * @param root the data set ({@code training_set/cats} and {@code test_set/cats} are created if needed)
     * @return root
     */
    public static Path plantLeak(Path root) {
        BufferedImage source = picture(true, new Random(99));
        TestImages.write(root.resolve(LEAK_SOURCE), source, "jpg");
        TestImages.write(root.resolve(LEAK_COPY), resized(source, 0.8), "png");
        return root;
    }

    /**
     * One picture: a gradient and large rectangles and discs, warm or cool.
     *
     * @param warm warm colours (a "cat"), else cool (a "dog")
     * @param rnd randomness
     * @return the picture
     */
    public static BufferedImage picture(boolean warm, Random rnd) {
        int w = 120;
        int h = 96;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, tint(warm, rnd), w, h, tint(warm, rnd)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 7; i++) {
            // Light and dark shapes of the class's hue: the layout gives each picture its own hash,
            // the hue keeps the class.
            Color t = tint(warm, rnd);
            double f = 0.55 + 0.45 * rnd.nextDouble();
            g.setColor(new Color((int) (t.getRed() * f), (int) (t.getGreen() * f), (int) (t.getBlue() * f)));
            int x = rnd.nextInt(w);
            int y = rnd.nextInt(h);
            int s = 15 + rnd.nextInt(40);
            if (i % 3 == 0) {
                g.fillOval(x - s / 2, y - s / 2, s, s);
            } else {
                g.fillRect(x - s / 2, y - s / 3, s, s * 2 / 3);
            }
        }
        g.dispose();
        return img;
    }

    private static Color tint(boolean warm, Random rnd) {
        int a = 170 + rnd.nextInt(80);
        int b = 60 + rnd.nextInt(80);
        int c = rnd.nextInt(60);
        return warm ? new Color(a, b, c) : new Color(c, b, a);
    }

    private static BufferedImage resized(BufferedImage src, double scale) {
        int w = (int) Math.round(src.getWidth() * scale);
        int h = (int) Math.round(src.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}

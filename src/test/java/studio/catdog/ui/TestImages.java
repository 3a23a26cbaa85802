package studio.catdog.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes small generated data sets: orange-dominant "cats" and blue-dominant "dogs" with noise, in
 * training_set/test_set layout. A few test "dogs" are orange, so a model makes mistakes.
 */
public final class TestImages {

    private TestImages() {}

    /**
     * @param root the folder to fill
     * @param trainPerClass training images per class
     * @param testPerClass test images per class
     * @return root
     */
    public static Path dataset(Path root, int trainPerClass, int testPerClass) {
        Random rnd = new Random(7);
        for (String split : new String[] {"training_set", "test_set"}) {
            int n = split.equals("training_set") ? trainPerClass : testPerClass;
            for (String cls : new String[] {"cats", "dogs"}) {
                Path dir = root.resolve(split).resolve(cls);
                for (int i = 0; i < n; i++) {
                    boolean orange = cls.equals("cats") ^ (split.equals("test_set") && cls.equals("dogs") && i < 3);
                    write(dir.resolve(cls.substring(0, 3) + "." + i + (i % 2 == 0 ? ".jpg" : ".png")), orange, rnd);
                }
            }
        }
        return root;
    }

    /**
     * Writes one image.
     *
     * @param file the file (.jpg or .png)
     * @param orange orange-dominant, else blue-dominant
     * @param rnd noise source
     * @return the file
     */
    public static Path write(Path file, boolean orange, Random rnd) {
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int n = rnd.nextInt(60) - 30;
                int r = clamp((orange ? 230 : 40) + n);
                int g = clamp((orange ? 140 : 90) + n);
                int b = clamp((orange ? 40 : 220) + n);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            String fmt = file.toString().endsWith(".png") ? "png" : "jpg";
            ImageIO.write(img, fmt, file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

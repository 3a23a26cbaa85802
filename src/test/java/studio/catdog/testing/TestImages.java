package studio.catdog.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generates small labelled image data sets for tests: "cats" are warm (orange) pictures, "dogs" cool
 * (blue) ones, each with random shapes and noise so no two files are identical.
 */
public final class TestImages {

    private TestImages() {}

    /**
     * Writes a {@code training_set/<class>} + {@code test_set/<class>} data set.
     *
     * @param root the folder to create it in
     * @param trainPerClass training images per class
     * @param testPerClass test images per class
     * @param seed random seed
     * @return root
     */
    public static Path splitDataset(Path root, int trainPerClass, int testPerClass, long seed) {
        Random random = new Random(seed);
        for (String cls : new String[] {"cats", "dogs"}) {
            for (int i = 0; i < trainPerClass; i++) {
                write(
                        root.resolve("training_set").resolve(cls).resolve(cls + "." + i + ".jpg"),
                        image(cls, random),
                        "jpg");
            }
            for (int i = 0; i < testPerClass; i++) {
                write(
                        root.resolve("test_set").resolve(cls).resolve(cls + "." + (1000 + i) + ".png"),
                        image(cls, random),
                        "png");
            }
        }
        return root;
    }

    /**
     * Writes a flat {@code <class>/} data set.
     *
     * @param root the folder
     * @param perClass images per class
     * @param seed random seed
     * @return root
     */
    public static Path flatDataset(Path root, int perClass, long seed) {
        Random random = new Random(seed);
        for (String cls : new String[] {"cats", "dogs"}) {
            for (int i = 0; i < perClass; i++) {
                write(root.resolve(cls).resolve(cls + i + ".jpg"), image(cls, random), "jpg");
            }
        }
        return root;
    }

    /**
     * Draws one image of a class.
     *
     * @param cls "cats" (warm) or anything else (cool)
     * @param random randomness
     * @return the image
     */
    public static BufferedImage image(String cls, Random random) {
        int w = 64 + random.nextInt(64);
        int h = 64 + random.nextInt(64);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        boolean cat = cls.startsWith("cat");
        Color base = cat ? new Color(220, 120 + random.nextInt(40), 40) : new Color(40, 90 + random.nextInt(40), 200);
        g.setColor(base);
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(w), random.nextInt(h), 4 + random.nextInt(12), 4 + random.nextInt(12));
        }
        g.dispose();
        return img;
    }

    /**
     * Writes an image file.
     *
     * @param file the file (parent folders are created)
     * @param image the image
     * @param format an ImageIO format name
     * @return the file
     */
    public static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared folder beside the project, when present.
     *
     * @return the path of ../shared
     */
    public static Path shared() {
        return Path.of(System.getProperty("catdog.shared", "../shared"))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Writes a {@code training_set}/{@code test_set} data set of noisy orange "cats" and blue "dogs"
     * in which three test dogs are orange, so a trained model makes a few mistakes to browse.
     *
     * @param root the folder to fill
     * @param trainPerClass training images per class
     * @param testPerClass test images per class
     * @return root
     */
    public static Path datasetWithMistakes(Path root, int trainPerClass, int testPerClass) {
        Random rnd = new Random(7);
        for (String split : new String[] {"training_set", "test_set"}) {
            int n = split.equals("training_set") ? trainPerClass : testPerClass;
            for (String cls : new String[] {"cats", "dogs"}) {
                Path dir = root.resolve(split).resolve(cls);
                for (int i = 0; i < n; i++) {
                    boolean orange = cls.equals("cats") ^ (split.equals("test_set") && cls.equals("dogs") && i < 3);
                    writeNoisy(
                            dir.resolve(cls.substring(0, 3) + "." + i + (i % 2 == 0 ? ".jpg" : ".png")), orange, rnd);
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
    public static Path writeNoisy(Path file, boolean orange, Random rnd) {
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

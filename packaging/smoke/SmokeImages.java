import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a small two-class image data set for checking an installed CatDog Studio (packaging/smoke/
 * smoke-installed.sh): warm "cat" and cool "dog" pictures, split into training_set and test_set.
 * Runs as a single file: {@code java SmokeImages.java DIR}.
 */
public final class SmokeImages {

    private SmokeImages() {}

    public static void main(String[] args) throws IOException {
        File root = new File(args[0]);
        Random random = new Random(7);
        for (String[] split : new String[][] {{"training_set", "20"}, {"test_set", "8"}}) {
            for (String cls : new String[] {"cat", "dog"}) {
                File dir = new File(root, split[0] + "/" + cls);
                if (!dir.mkdirs() && !dir.isDirectory()) {
                    throw new IOException("cannot create " + dir);
                }
                for (int i = 0; i < Integer.parseInt(split[1]); i++) {
                    ImageIO.write(draw(cls.equals("cat"), random), "png", new File(dir, cls + i + ".png"));
                }
            }
        }
        ImageIO.write(draw(true, random), "png", new File(root, "one cat.png"));
    }

    private static BufferedImage draw(boolean warm, Random random) {
        int w = 96 + random.nextInt(64);
        int h = 96 + random.nextInt(64);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        // Two easy classes: orange with round spots, blue with stripes.
        g.setColor(warm ? new Color(235, 120 + random.nextInt(40), 30) : new Color(30, 90 + random.nextInt(40), 225));
        g.fillRect(0, 0, w, h);
        g.setColor(warm ? new Color(120, 50, 10) : new Color(230, 240, 255));
        for (int i = 0; i < 6; i++) {
            if (warm) {
                g.fillOval(random.nextInt(w), random.nextInt(h), 10 + random.nextInt(12), 10 + random.nextInt(12));
            } else {
                g.fillRect(0, random.nextInt(h), w, 3 + random.nextInt(4));
            }
        }
        g.dispose();
        return img;
    }
}

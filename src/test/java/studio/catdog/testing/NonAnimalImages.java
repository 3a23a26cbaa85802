package studio.catdog.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Pictures that are clearly neither cats nor dogs: noise, gradients, text, stripes, shapes. */
public final class NonAnimalImages {

    private NonAnimalImages() {}

    /**
     * Writes {@code count} JPEGs, cycling through the kinds.
     *
     * @param dir the folder
     * @param count how many
     * @param seed random seed
     * @return the files
     */
    public static List<Path> write(Path dir, int count, long seed) {
        Random r = new Random(seed);
        List<Path> files = new ArrayList<>();
        String[] kinds = {"noise", "gradient", "text", "stripes", "shapes", "solid"};
        for (int i = 0; i < count; i++) {
            String kind = kinds[i % kinds.length];
            files.add(TestImages.write(dir.resolve(kind + "-" + i + ".jpg"), draw(kind, r), "jpg"));
        }
        return files;
    }

    static BufferedImage draw(String kind, Random r) {
        int w = 320;
        int h = 240;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color a = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
        Color b = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
        switch (kind) {
            case "noise" -> {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        img.setRGB(x, y, r.nextInt(0x1000000));
                    }
                }
            }
            case "gradient" -> {
                g.setPaint(new GradientPaint(0, 0, a, w * r.nextFloat(), h, b));
                g.fillRect(0, 0, w, h);
            }
            case "text" -> {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SERIF, Font.PLAIN, 14 + r.nextInt(20)));
                for (int line = 0; line < 8; line++) {
                    g.drawString(
                            "Invoice " + r.nextInt(99999) + " total due " + r.nextInt(999) + " EUR",
                            10,
                            25 + line * 28);
                }
            }
            case "stripes" -> {
                int width = 4 + r.nextInt(30);
                for (int x = 0; x < w; x += width) {
                    g.setColor((x / width) % 2 == 0 ? a : b);
                    g.fillRect(x, 0, width, h);
                }
            }
            case "shapes" -> {
                g.setColor(a);
                g.fillRect(0, 0, w, h);
                for (int k = 0; k < 12; k++) {
                    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                    if (r.nextBoolean()) {
                        g.fillRect(r.nextInt(w), r.nextInt(h), 20 + r.nextInt(80), 20 + r.nextInt(80));
                    } else {
                        g.fillOval(r.nextInt(w), r.nextInt(h), 20 + r.nextInt(80), 20 + r.nextInt(80));
                    }
                }
            }
            default -> {
                g.setColor(a);
                g.fillRect(0, 0, w, h);
            }
        }
        g.dispose();
        return img;
    }
}

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a small generated data set for run-cluster.sh where ../shared is absent:
 * {@code OUT/training_set/{cats,dogs}} and {@code OUT/test_set/{cats,dogs}}, warm-coloured blobs for
 * cats and cool-coloured ones for dogs. Run with {@code java spark/GenerateImages.java OUT [PER_CLASS]}.
 */
public class GenerateImages {
    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        int perClass = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Random random = new Random(12);
        for (String split : new String[] {"training_set", "test_set"}) {
            int n = split.equals("training_set") ? perClass : perClass / 2;
            for (String cls : new String[] {"cats", "dogs"}) {
                File dir = new File(out, split + "/" + cls);
                dir.mkdirs();
                for (int i = 0; i < n; i++) {
                    BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = img.createGraphics();
                    g.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
                    g.fillRect(0, 0, 160, 120);
                    for (int k = 0; k < 6; k++) {
                        int a = 150 + random.nextInt(100);
                        int b = random.nextInt(90);
                        g.setColor(cls.equals("cats") ? new Color(a, b + 60, b) : new Color(b, b + 60, a));
                        g.fillOval(random.nextInt(120), random.nextInt(80), 20 + random.nextInt(40), 20 + random.nextInt(40));
                    }
                    g.dispose();
                    ImageIO.write(img, "jpg", new File(dir, cls + "." + i + ".jpg"));
                }
            }
        }
    }
}

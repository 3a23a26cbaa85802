package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    @Test
    void normalisesEachChannelWithImagenetStatistics() {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 128, 0));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        Preprocessing p = Preprocessing.IMAGENET;
        float[] t = ImagePreprocessor.toTensor(img, p);
        int plane = 224 * 224;
        assertThat(t).hasSize(3 * plane);
        assertThat(t[0]).isCloseTo((1f - 0.485f) / 0.229f, within(1e-4f));
        assertThat(t[plane + 100]).isCloseTo((128f / 255f - 0.456f) / 0.224f, within(1e-4f));
        assertThat(t[2 * plane + 5000]).isCloseTo((0f - 0.406f) / 0.225f, within(1e-4f));
    }

    @Test
    void cropsTheCentreAfterResizingTheShorterSide() {
        // Left and right thirds red, centre green: the centre crop of a wide image sees only green.
        BufferedImage img = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 600, 200);
        g.setColor(Color.GREEN);
        g.fillRect(150, 0, 300, 200);
        g.dispose();
        BufferedImage out = ImagePreprocessor.cropAndScale(img, 256, 224);
        assertThat(out.getWidth()).isEqualTo(224);
        assertThat(new Color(out.getRGB(2, 112))).isEqualTo(Color.GREEN);
        assertThat(new Color(out.getRGB(221, 112))).isEqualTo(Color.GREEN);
    }

    @Test
    void decodesCommonFormatsAndRefusesOthersWithReasons() throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (String format : new String[] {"png", "jpg", "bmp", "gif"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, format, bytes);
            BufferedImage decoded = ImageDecoder.decode(bytes.toByteArray());
            assertThat(decoded.getWidth()).as(format).isEqualTo(40);
            assertThat(ImageDecoder.readHeader(bytes.toByteArray()).height()).isEqualTo(30);
        }
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0])).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> ImageDecoder.decode("hello".getBytes())).hasMessageContaining("not an image");
    }

    @Test
    void subsamplesHugeImagesInsteadOfExhaustingMemory() {
        assertThat(ImageDecoder.subsamplingStep(1000L * 1000)).isEqualTo(1);
        assertThat(ImageDecoder.subsamplingStep(30000L * 30000)).isGreaterThanOrEqualTo(8);
    }

    /** An 8x6 orange lossless WebP, made with Debian's cwebp (no Java writer exists to make one). */
    private static final String WEBP = "UklGRiIAAABXRUJQVlA4TBUAAAAvB0ABAAfQ0v5H/wMAQfjfNhHR/xAA";
    /** An 8x6 orange CMYK JPEG, made with ImageMagick; the JDK's own reader refuses CMYK. */
    private static final String CMYK_JPEG =
            "/9j/7gAOQWRvYmUAZAAAAAAC/9sAQwADAgICAgIDAgICAwMDAwQGBAQEBAQIBgYFBgkICgoJCAkJCgwPDAoLDgsJCQ0RDQ4PEBAREAoM"
                    + "EhMSEBMPEBAQ/9sAQwEDAwMEAwQIBAQIEAsJCxAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
                    + "EBAQEBAQEBAQ/8AAFAgABgAIBAERAAIRAQMRAQQRAP/EABUAAQEAAAAAAAAAAAAAAAAAAAcJ/8QAFBABAAAAAAAAAAAA"
                    + "AAAAAAAAAP/EABUBAQEAAAAAAAAAAAAAAAAAAAgJ/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAA4EAQACEQMRBAAAPwAE"
                    + "UFGRVN//2Q==";

    @Test
    void decodesWebpAndCmykJpegThroughTheTwelveMonkeysPlugins() {
        for (String encoded : new String[] {WEBP, CMYK_JPEG}) {
            BufferedImage img = ImageDecoder.decode(Base64.getDecoder().decode(encoded));
            assertThat(img.getWidth()).isEqualTo(8);
            assertThat(img.getHeight()).isEqualTo(6);
            Color c = new Color(img.getRGB(4, 3));
            assertThat(c.getRed()).isGreaterThan(200);
            assertThat(c.getBlue()).isLessThan(80);
        }
    }
}

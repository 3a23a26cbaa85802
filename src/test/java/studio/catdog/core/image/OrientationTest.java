package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone photos carry an EXIF orientation: they must decode upright, for every one of the 8 values. */
class OrientationTest {

    /** Upright picture: 40 wide, 20 high, blue 10x5 block in the top-left corner, rest red. */
    private static BufferedImage upright() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 10, 5);
        g.dispose();
        return img;
    }

    /** What a camera stores for a given EXIF orientation: the inverse of the display correction. */
    private static BufferedImage stored(BufferedImage up, int exif) {
        Orientation inverse = switch (exif) {
            case 6 -> Orientation.ROTATE_CCW;
            case 8 -> Orientation.ROTATE_CW;
            case 3 -> Orientation.ROTATE_180;
            case 2 -> Orientation.FLIP_H;
            case 4 -> Orientation.FLIP_V;
            case 5 -> Orientation.TRANSPOSE;
            case 7 -> Orientation.TRANSVERSE;
            default -> Orientation.NORMAL;
        };
        return Orientation.apply(up, inverse);
    }

    /** Inserts an APP1 EXIF segment holding only the orientation tag right after the JPEG SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0
        };
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exifHeader, 0, exifHeader.length);
        out.write(tiff, 0, tiff.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void aClockwiseQuarterTurnMovesTheTopLeftCornerToTheTopRight() {
        BufferedImage turned = Orientation.apply(upright(), Orientation.ROTATE_CW);
        assertThat(turned.getWidth()).isEqualTo(20);
        assertThat(turned.getHeight()).isEqualTo(40);
        assertThat(new Color(turned.getRGB(17, 3)).getBlue()).isGreaterThan(180);
        assertThat(new Color(turned.getRGB(2, 3)).getRed()).isGreaterThan(180);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationDecodesUpright(int exif) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(stored(upright(), exif), "jpg", jpeg);
        BufferedImage decoded = ImageDecoder.decode(withExifOrientation(jpeg.toByteArray(), exif));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(20);
        Color topLeft = new Color(decoded.getRGB(3, 2));
        Color bottomRight = new Color(decoded.getRGB(36, 17));
        assertThat(topLeft.getBlue()).as("top-left is blue").isGreaterThan(180);
        assertThat(bottomRight.getRed()).as("bottom-right is red").isGreaterThan(180);
        assertThat(new Color(decoded.getRGB(36, 2)).getRed())
                .as("top-right is red")
                .isGreaterThan(180);
        assertThat(new Color(decoded.getRGB(3, 17)).getRed())
                .as("bottom-left is red")
                .isGreaterThan(180);
    }
}

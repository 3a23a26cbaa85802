package studio.catdog.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.image.UnreadableImageException;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * Every kind of image people have: each is used correctly (decoded to the expected picture) or
 * refused with its reason, in the data set scan, in training and in prediction.
 */
class StrangeImagesTest {

    @TempDir
    Path dir;

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as(format).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage filled(int w, int h, int type, Color c) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Color centre(byte[] bytes) {
        BufferedImage img = ImagePreprocessor.cropAndScale(ImageDecoder.decode(bytes), 32, 32);
        return new Color(img.getRGB(16, 16));
    }

    @Test
    void grayscaleJpegAnd16BitPngDecodeToTheirColours() throws IOException {
        assertThat(centre(encode(filled(40, 30, BufferedImage.TYPE_BYTE_GRAY, new Color(200, 200, 200)), "jpg"))
                        .getRed())
                .isBetween(190, 210);
        BufferedImage gray16 = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) gray16.getRaster().getDataBuffer()).getData();
        Arrays.fill(data, (short) 0x8000);
        assertThat(centre(encode(gray16, "png")).getGreen()).isBetween(120, 135);
    }

    @Test
    void palettePngWithTransparencyIsComposedOverWhite() throws IOException {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, 0};
        byte[] b = {0, 0};
        byte[] a = {(byte) 255, 0}; // index 1 fully transparent
        IndexColorModel palette = new IndexColorModel(1, 2, r, g, b, a);
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY, palette);
        byte[] png = encode(img, "png"); // all index 0? no: raster starts at 0 = opaque red
        assertThat(centre(png)).isEqualTo(Color.RED);
        BufferedImage transparent = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY, palette);
        transparent.getRaster().setSample(0, 0, 0, 1);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                transparent.getRaster().setSample(x, y, 0, 1);
            }
        }
        assertThat(centre(encode(transparent, "png"))).isEqualTo(Color.WHITE);
    }

    @Test
    void animatedGifUsesItsFirstFrame() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (Color c : new Color[] {Color.BLUE, Color.GREEN, Color.RED}) {
                BufferedImage frame = filled(30, 30, BufferedImage.TYPE_INT_RGB, c);
                IIOMetadata meta =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
                meta.setFromTree(meta.getNativeMetadataFormatName(), root);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        }
        assertThat(centre(bytes.toByteArray())).isEqualTo(Color.BLUE);
    }

    @Test
    void aOneByOnePixelImageIsUsable() throws IOException {
        byte[] png = encode(filled(1, 1, BufferedImage.TYPE_INT_RGB, Color.ORANGE), "png");
        float[] t = ImagePreprocessor.toTensor(ImageDecoder.decode(png), Preprocessing.IMAGENET);
        assertThat(t).hasSize(Preprocessing.IMAGENET.tensorSize());
        assertThat(centre(png)).isEqualTo(Color.ORANGE);
    }

    /** A valid 1x1 PNG whose header claims another size: the pixels the header promises do not exist. */
    private static byte[] pngDeclaring(int width, int height) throws IOException {
        byte[] png = encode(filled(1, 1, BufferedImage.TYPE_INT_RGB, Color.GRAY), "png");
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, width).putInt(20, height); // IHDR data starts at byte 16
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17); // "IHDR" + 13 data bytes
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    @Test
    void hugeDeclaredSizesNeverExhaustMemory() throws IOException {
        long start = System.nanoTime();
        byte[] huge = pngDeclaring(30000, 30000);
        assertThat(ImageDecoder.readHeader(huge).width()).isEqualTo(30000);
        assertThatThrownBy(() -> ImageDecoder.decode(huge)).isInstanceOf(UnreadableImageException.class);
        byte[] absurd = pngDeclaring(100_000, 100_000);
        assertThatThrownBy(() -> ImageDecoder.decode(absurd))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("too large");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(30);
    }

    @Test
    void unsupportedFormatsAreRefusedWithTheirReasonEverywhere() throws IOException {
        TestImages.splitDataset(dir.resolve("data"), 6, 2, 4);
        Path cats = dir.resolve("data/training_set/cats");
        // A TIFF (no TIFF reader is bundled), a HEIC-like file, an SVG and a PDF, all named like images.
        Files.write(cats.resolve("scan.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        Files.write(cats.resolve("phone.heic"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'});
        Files.writeString(cats.resolve("logo.svg.jpg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        Files.writeString(cats.resolve("report.pdf"), "%PDF-1.4\n");
        Files.write(cats.resolve("huge.png"), pngDeclaring(30000, 30000));
        Dataset d = new DatasetScanner().scan(dir.resolve("data"), new CancellationToken(), null);
        assertThat(d.skipped())
                .extracting(s -> s.path().getFileName().toString())
                .contains("scan.tif", "phone.heic", "logo.svg.jpg", "report.pdf");
        assertThat(d.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        try (ModelService s = TestServices.service(dir.resolve("home"))) {
            Dataset scanned = s.openDataset(dir.resolve("data")).join();
            var outcome = s.train(
                            scanned,
                            BackboneSpec.tiny(),
                            TrainingSettings.defaults().withEpochs(1),
                            TrainingObserver.NONE)
                    .join();
            // The huge PNG passes the header check but cannot be decoded: skipped during training, with a reason.
            assertThat(outcome.skipped())
                    .extracting(SkippedFile::path)
                    .extracting(p -> p.getFileName().toString())
                    .contains("huge.png", "scan.tif");
            assertThatThrownBy(() -> s.predict(cats.resolve("phone.heic")).join())
                    .cause()
                    .hasMessageContaining("not an image");
            assertThatThrownBy(() -> s.predict(cats.resolve("huge.png")).join())
                    .cause()
                    .isInstanceOf(UnreadableImageException.class);
        }
    }
}

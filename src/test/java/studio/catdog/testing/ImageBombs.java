package studio.catdog.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small files that declare huge images, written byte by byte: a lossless WebP whose whole picture is one
 * colour coded in zero bits per pixel (34 bytes for any size up to 16383 x 16383), and a JPEG whose frame
 * header is rewritten to another size.
 */
public final class ImageBombs {

    private ImageBombs() {}

    /**
     * A lossless WebP (VP8L) of one colour: no transforms, no colour cache, and five prefix codes of one
     * symbol each, so every pixel takes zero bits.
     *
     * @param width 1 to 16384
     * @param height 1 to 16384
     * @param argb the colour
     * @param padding zero bytes added after the image data (a larger file declaring the same size)
     * @return the file
     */
    public static byte[] losslessWebp(int width, int height, int argb, int padding) {
        Bits bits = new Bits();
        bits.put(0x2f, 8); // VP8L signature
        bits.put(width - 1, 14);
        bits.put(height - 1, 14);
        bits.put(1, 1); // alpha used
        bits.put(0, 3); // version
        bits.put(0, 1); // no transform
        bits.put(0, 1); // no colour cache
        bits.put(0, 1); // no meta prefix codes
        // green, red, blue, alpha, distance: "simple" codes with one 8-bit symbol each
        int[] symbols = {(argb >> 8) & 0xff, (argb >> 16) & 0xff, argb & 0xff, (argb >>> 24) & 0xff, 0};
        for (int s : symbols) {
            bits.put(1, 1);
            bits.put(0, 1);
            bits.put(1, 1);
            bits.put(s, 8);
        }
        byte[] data = bits.bytes(padding);
        ByteArrayOutputStream riff = new ByteArrayOutputStream();
        int pad = data.length % 2;
        riff.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        le32(riff, 4 + 8 + data.length + pad);
        riff.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        le32(riff, data.length);
        riff.writeBytes(data);
        if (pad == 1) {
            riff.write(0);
        }
        return riff.toByteArray();
    }

    /**
     * A small JPEG of one colour whose frame header then declares another size (the scans stay those of
     * the small image, so a decoder that goes on finds too little data).
     *
     * @param progressive whether the file is progressive (SOF2) or baseline (SOF0)
     * @param width the declared width, 1 to 65535
     * @param height the declared height, 1 to 65535
     * @param padding bytes of a comment segment put before the frame header (a larger file)
     * @return the file
     */
    public static byte[] jpegDeclaring(boolean progressive, int width, int height, int padding) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] j = out.toByteArray();
        int sof = progressive ? 0xc2 : 0xc0;
        for (int i = 2; i + 8 < j.length; i++) {
            if ((j[i] & 0xff) == 0xff && (j[i + 1] & 0xff) == sof) {
                j[i + 5] = (byte) (height >> 8);
                j[i + 6] = (byte) height;
                j[i + 7] = (byte) (width >> 8);
                j[i + 8] = (byte) width;
                ByteArrayOutputStream padded = new ByteArrayOutputStream();
                padded.write(j, 0, i);
                for (int left = padding; left > 0; ) {
                    int n = Math.min(left, 65000);
                    padded.write(0xff);
                    padded.write(0xfe); // COM
                    padded.write((n + 2) >> 8);
                    padded.write(n + 2);
                    padded.writeBytes(new byte[n]);
                    left -= n;
                }
                padded.write(j, i, j.length - i);
                return padded.toByteArray();
            }
        }
        throw new IllegalStateException("no frame header written");
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    /** Bits written least significant first, as VP8L reads them. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int count;

        void put(int value, int n) {
            for (int i = 0; i < n; i++) {
                acc |= ((value >> i) & 1) << count;
                if (++count == 8) {
                    out.write(acc);
                    acc = 0;
                    count = 0;
                }
            }
        }

        byte[] bytes(int padding) {
            if (count > 0) {
                out.write(acc);
            }
            out.writeBytes(new byte[padding]);
            return out.toByteArray();
        }
    }
}

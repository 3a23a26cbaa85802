package studio.catdog.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files (JPEG including CMYK, PNG, BMP, GIF first frame, WebP) through ImageIO with the
 * TwelveMonkeys plug-ins. Very large images are decoded subsampled so that no file can exhaust memory;
 * what a header declares is bounded first ({@link DecodeLimits}: decompression bombs, WebP and progressive
 * JPEG sizes, one memory budget for large decodes), and every failure becomes an
 * {@link UnreadableImageException} with a plain reason.
 */
public final class ImageDecoder {

    /** Images with more pixels than this are decoded subsampled. */
    static final long MAX_DECODED_PIXELS = 16_000_000L;
    /** Declared sizes beyond this are refused outright as implausible or hostile. */
    static final long MAX_DECLARED_PIXELS = 1_000_000_000L;

    static {
        ImageIO.setUseCache(false); // no temp files for streams; everything we read is in memory
        ImageIO.scanForPlugins();
    }

    /** Basic facts read from an image header without decoding the pixels. */
    public record Header(String format, int width, int height) {}

    private ImageDecoder() {}

    /**
     * Reads a file and decodes it.
     *
     * @param file the image file
     * @return the decoded image
     * @throws UnreadableImageException with the reason when the file cannot be used
     */
    public static BufferedImage decode(Path file) {
        return decode(readBytes(file));
    }

    /**
     * Decodes image bytes.
     *
     * @param bytes the encoded image
     * @return the decoded image
     * @throws UnreadableImageException with the reason when the bytes cannot be used
     */
    public static BufferedImage decode(byte[] bytes) {
        return decodeChecked(bytes).image();
    }

    /**
     * Decodes image bytes and says whether they are damaged: the file ends early ({@link #damage}) or the
     * decoder warned while reading it (a JPEG with corrupt data decodes with a warning and a grey part). A
     * damaged image is still decoded, so the caller can show it, but must say so beside any answer.
     *
     * @param bytes the encoded image
     * @return the image and the damage, if any
     * @throws UnreadableImageException with the reason when the bytes cannot be used
     */
    public static DecodedImage decodeChecked(byte[] bytes) {
        List<String> warnings = new ArrayList<>();
        BufferedImage decoded = withReader(bytes, "broken or truncated image: ", (reader, width, height) -> {
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            long pixels = (long) width * height;
            if (pixels > MAX_DECLARED_PIXELS) {
                throw new UnreadableImageException(
                        String.format(Locale.ROOT, "image too large (%dx%d pixels declared)", width, height));
            }
            DecodeLimits.check(reader.getFormatName(), bytes, width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsamplingStep(pixels);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image;
            try (DecodeLimits.Budget.Share share = DecodeLimits.reserve(reader.getFormatName(), bytes, pixels, step)) {
                image = reader.read(0, param);
            }
            if (image == null) {
                throw new UnreadableImageException("the decoder returned no image");
            }
            return Orientation.apply(image, Orientation.of(reader));
        });
        String ends = damage(bytes);
        if (ends == null && warnings.isEmpty()) {
            return new DecodedImage(decoded, null);
        }
        return new DecodedImage(
                decoded,
                ends != null ? ends : "the decoder warned: " + String.join("; ", new LinkedHashSet<>(warnings)));
    }

    /**
     * Whether the bytes end early, checked without decoding (cheap: used when scanning folders and when the
     * features come from the cache): a JPEG without its end-of-image marker after its last scan, a PNG without
     * its IEND chunk, a WebP shorter than its RIFF header says.
     *
     * @param bytes the encoded image
     * @return why it is damaged, in plain words; null when it looks whole (or the format is not checked)
     */
    public static String damage(byte[] bytes) {
        int n = bytes.length;
        if (n >= 4 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
            // In entropy-coded data a 0xFF byte is followed by 0x00 or a restart marker, so a marker pair found
            // here is a real marker: the end-of-image (FFD9) must come after the last start-of-scan (FFDA).
            int lastScan = -1;
            int lastEnd = -1;
            for (int i = 2; i + 1 < n; i++) {
                if ((bytes[i] & 0xff) == 0xff) {
                    int m = bytes[i + 1] & 0xff;
                    if (m == 0xda) {
                        lastScan = i;
                    } else if (m == 0xd9) {
                        lastEnd = i;
                    }
                }
            }
            return lastEnd > lastScan ? null : "the JPEG file ends early (no end-of-image marker)";
        }
        if (n >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            for (int i = n - 4; i >= 8; i--) {
                if (bytes[i] == 'I' && bytes[i + 1] == 'E' && bytes[i + 2] == 'N' && bytes[i + 3] == 'D') {
                    return null;
                }
            }
            return "the PNG file ends early (no IEND chunk)";
        }
        if (n >= 12
                && bytes[0] == 'R'
                && bytes[1] == 'I'
                && bytes[2] == 'F'
                && bytes[3] == 'F'
                && bytes[8] == 'W'
                && bytes[9] == 'E'
                && bytes[10] == 'B'
                && bytes[11] == 'P') {
            long declared =
                    (bytes[4] & 0xffL) | (bytes[5] & 0xffL) << 8 | (bytes[6] & 0xffL) << 16 | (bytes[7] & 0xffL) << 24;
            return n < declared + 8 ? "the WebP file ends early (shorter than its header says)" : null;
        }
        return null;
    }

    /**
     * Reads only the header: format and size. Cheap; used when scanning folders.
     *
     * @param bytes the encoded image
     * @return the header
     * @throws UnreadableImageException when the bytes are not a readable image
     */
    public static Header readHeader(byte[] bytes) {
        return withReader(
                bytes,
                "unreadable image header: ",
                (reader, width, height) -> new Header(reader.getFormatName().toLowerCase(Locale.ROOT), width, height));
    }

    /** What to do with a reader positioned on image 0 of known, positive size. */
    @FunctionalInterface
    private interface ReaderAction<T> {
        T apply(ImageReader reader, int width, int height) throws IOException;
    }

    /**
     * Finds a reader for the bytes, checks the declared size and runs the action, turning every
     * decoder failure (ImageIO reports corrupt data as IOException, sometimes as runtime errors or by
     * running out of memory) into an {@link UnreadableImageException} with a plain reason.
     */
    private static <T> T withReader(byte[] bytes, String failurePrefix, ReaderAction<T> action) {
        if (bytes.length == 0) {
            throw new UnreadableImageException("empty file (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = firstReader(in);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new UnreadableImageException("image has no pixels (" + width + "x" + height + ")");
                }
                return action.apply(reader, width, height);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw new UnreadableImageException(failurePrefix + describe(e), e);
        }
    }

    /**
     * Reads a file's bytes with a plain reason on failure.
     *
     * @param file the file
     * @return its content
     */
    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException("file not found", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableImageException("no permission to read the file", e);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read the file: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new UnreadableImageException("file too large to read", e);
        }
    }

    private static ImageReader firstReader(ImageInputStream in) {
        if (in == null) {
            throw new UnreadableImageException("cannot open the image data");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new UnreadableImageException("not an image (unknown or unsupported format)");
        }
        return readers.next();
    }

    static int subsamplingStep(long pixels) {
        int step = 1;
        while (pixels / ((long) step * step) > MAX_DECODED_PIXELS) {
            step++;
        }
        return step;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

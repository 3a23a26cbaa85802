package studio.catdog.core.image;

import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Bounds on decoding an image someone else made: what its header declares is checked before a pixel is
 * decoded, and large decodes share one memory budget, so that neither a small file declaring a huge
 * image nor many decode threads at once can exhaust memory.
 *
 * <ul>
 *   <li>Pixels per byte of file: a real picture needs far more than a byte per {@value #MAX_PIXELS_PER_BYTE}
 *       pixels; a file that declares more is a decompression bomb (a 285-byte lossless WebP can declare
 *       16383 x 16383 pixels) and is refused.
 *   <li>WebP and progressive JPEG are decoded whole whatever subsampling is asked for (the WebP reader
 *       builds the full image; libjpeg keeps every coefficient of a progressive file), so their declared
 *       size is capped at {@value #MAX_FULL_DECODE_PIXELS} pixels. Baseline JPEG, PNG, GIF and BMP are
 *       decoded subsampled and need no such cap.
 *   <li>A decode estimated to need more than {@value #SMALL_DECODE_BYTES} bytes takes its share of one
 *       budget of {@value #BUDGET_BYTES} bytes for the whole process, so decode threads take turns on
 *       large images instead of multiplying their memory.
 * </ul>
 */
final class DecodeLimits {

    /** WebP and progressive JPEG above this many declared pixels are refused (whole-image decoders). */
    static final long MAX_FULL_DECODE_PIXELS = 16_000_000L;
    /** Declared pixels per byte of file above which a file is refused as a decompression bomb. */
    static final long MAX_PIXELS_PER_BYTE = 10_000L;
    /** The memory all large decodes of the process may use at once. */
    static final long BUDGET_BYTES = 512L << 20;
    /** Decodes estimated below this need no share of the budget. */
    static final long SMALL_DECODE_BYTES = 32L << 20;

    /** One budget for the process: decode threads of every part of the app share the same memory. */
    private static final Budget SHARED = new Budget(BUDGET_BYTES);

    private DecodeLimits() {}

    /**
     * Refuses what the header declares before anything is decoded.
     *
     * @param format the reader's format name
     * @param bytes the encoded file
     * @param width declared width
     * @param height declared height
     * @throws UnreadableImageException with the reason
     */
    static void check(String format, byte[] bytes, int width, int height) {
        long pixels = (long) width * height;
        if (pixels / Math.max(1, bytes.length) > MAX_PIXELS_PER_BYTE) {
            throw new UnreadableImageException(String.format(
                    Locale.ROOT,
                    "image too large for its file: %dx%d pixels declared in only %,d bytes (a decompression bomb);"
                            + " not decoded",
                    width,
                    height,
                    bytes.length));
        }
        String kind = wholeImageKind(format, bytes);
        if (kind != null && pixels > MAX_FULL_DECODE_PIXELS) {
            throw new UnreadableImageException(String.format(
                    Locale.ROOT,
                    "%s too large to decode safely (%dx%d pixels declared; at most %d megapixels)",
                    kind,
                    width,
                    height,
                    MAX_FULL_DECODE_PIXELS / 1_000_000));
        }
    }

    /**
     * Takes the decode's share of the process's budget, waiting while other large decodes hold it.
     *
     * @param format the reader's format name
     * @param bytes the encoded file
     * @param pixels declared pixels
     * @param step the subsampling step in each direction
     * @return the share; close it when the decode ends
     */
    static Budget.Share reserve(String format, byte[] bytes, long pixels, int step) {
        return SHARED.reserve(estimateBytes(format, bytes, pixels, step));
    }

    /**
     * The memory a decode needs: the output image, plus the whole image for the decoders that build it.
     *
     * @param format the reader's format name
     * @param bytes the encoded file
     * @param pixels declared pixels
     * @param step the subsampling step
     * @return bytes
     */
    static long estimateBytes(String format, byte[] bytes, long pixels, int step) {
        long output = pixels / ((long) step * step) * 4;
        String kind = wholeImageKind(format, bytes);
        if (kind == null) {
            return output;
        }
        // WebP: a full ARGB raster; progressive JPEG: up to three components of 16-bit coefficients.
        return output + pixels * (kind.startsWith("WebP") ? 4 : 6);
    }

    /** @return what decodes the whole image whatever the subsampling ("WebP image"), or null */
    private static String wholeImageKind(String format, byte[] bytes) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (f.equals("webp")) {
            return "WebP image";
        }
        if ((f.equals("jpeg") || f.equals("jpg")) && isProgressiveJpeg(bytes)) {
            return "progressive JPEG";
        }
        return null;
    }

    /**
     * Whether a JPEG's frame is progressive (SOF2, SOF6, SOF10 or SOF14), read from its markers.
     *
     * @param b the file
     * @return true for a progressive frame; false for baseline, or when no frame header is found
     */
    static boolean isProgressiveJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return false;
        }
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return false;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd8) {
                i += 2; // markers without a length
                continue;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
            }
            if (marker == 0xda || marker == 0xd9) {
                return false; // image data before any frame header
            }
            i += 2 + ((b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff));
        }
        return false;
    }

    /** Memory shared by decodes: a large one waits until enough is free. */
    static final class Budget {

        private final int totalMb;
        private final Semaphore megabytes;

        /** @param totalBytes the memory all large decodes may use at once */
        Budget(long totalBytes) {
            this.totalMb = (int) Math.max(1, totalBytes >> 20);
            this.megabytes = new Semaphore(totalMb, true);
        }

        /**
         * Takes a share, waiting while others hold the budget; a small decode takes none, one larger
         * than the whole budget takes all of it (so it runs alone).
         *
         * @param bytes what the decode needs
         * @return the share
         */
        Share reserve(long bytes) {
            if (bytes <= SMALL_DECODE_BYTES) {
                return new Share(null, 0);
            }
            int mb = (int) Math.min(totalMb, (bytes + (1 << 20) - 1) >> 20);
            // Uninterruptible: the wait ends when another decode ends, and a decode always ends.
            megabytes.acquireUninterruptibly(mb);
            return new Share(megabytes, mb);
        }

        /** @return megabytes free now */
        int availableMb() {
            return megabytes.availablePermits();
        }

        /** A decode's share of the budget, given back on close. */
        static final class Share implements AutoCloseable {
            private final Semaphore from;
            private int mb;

            private Share(Semaphore from, int mb) {
                this.from = from;
                this.mb = mb;
            }

            @Override
            public void close() {
                if (from != null && mb > 0) {
                    from.release(mb);
                    mb = 0;
                }
            }
        }
    }
}

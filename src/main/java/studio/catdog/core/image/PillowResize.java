package studio.catdog.core.image;

/**
 * Pillow's {@code Image.resize(size, BILINEAR)} on 8-bit RGB, value for value (Pillow's
 * {@code libImaging/Resample.c}): a triangle filter whose support grows with the downscale factor
 * (antialiasing), weights normalised per output pixel, rounded to fixed point with 22 fractional bits;
 * a horizontal pass, its result clipped to 0..255, then a vertical pass. A pass whose size does not
 * change is skipped, as Pillow skips it.
 *
 * <p>Only a rectangle of the resized image is computed ({@link #region}): every output pixel depends
 * on its own weights alone, so the rectangle holds exactly the values of the full resize.
 */
final class PillowResize {

    /** Pillow's {@code PRECISION_BITS}: 32 - 8 - 2. */
    private static final int PRECISION_BITS = 22;

    private PillowResize() {}

    /**
     * The weights of one pass, for the output positions {@code from .. from + count - 1}.
     *
     * @param bounds first input index and number of inputs per output
     * @param weights fixed-point weights, {@code ksize} per output
     * @param ksize the most inputs one output reads
     */
    record Coefficients(int[] bounds, int[] weights, int ksize) {

        int first(int i) {
            return bounds[2 * i];
        }

        int count(int i) {
            return bounds[2 * i + 1];
        }
    }

    /**
     * Pillow's {@code precompute_coeffs} for the bilinear filter, then {@code normalize_coeffs_8bpc}.
     *
     * @param inSize the input length
     * @param outSize the output length
     * @param from the first output position wanted
     * @param count how many output positions
     * @return their weights
     */
    static Coefficients coefficients(int inSize, int outSize, int from, int count) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 1.0 * filterScale; // the bilinear filter's support is 1
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[2 * count];
        int[] weights = new int[ksize * count];
        double[] k = new double[ksize];
        for (int i = 0; i < count; i++) {
            int xx = from + i;
            double center = 0.0 + (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterScale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            for (int x = 0; x < xmax; x++) {
                double w = bilinear((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    k[x] /= ww;
                }
            }
            for (int x = 0; x < ksize; x++) {
                double v = x < xmax ? k[x] : 0.0;
                weights[i * ksize + x] =
                        v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            bounds[2 * i] = xmin;
            bounds[2 * i + 1] = xmax;
        }
        return new Coefficients(bounds, weights, ksize);
    }

    private static double bilinear(double x) {
        if (x < 0.0) {
            x = -x;
        }
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /**
     * A rectangle of an image resized to {@code width x height}.
     *
     * @param src the image
     * @param width the resized width
     * @param height the resized height
     * @param left the rectangle's first column in the resized image
     * @param top its first row
     * @param w its width
     * @param h its height
     * @return {@code w * h} packed {@code 0xRRGGBB} values, row by row
     */
    static int[] region(ImagePreprocessor.Rgb src, int width, int height, int left, int top, int w, int h) {
        int inW = src.width();
        int inH = src.height();
        boolean horizontal = width != inW;
        boolean vertical = height != inH;
        // The input rows the vertical pass reads (all of them when there is no vertical pass).
        Coefficients vert = vertical ? coefficients(inH, height, top, h) : null;
        int rowFirst = vertical ? vert.first(0) : top;
        int rowEnd = vertical ? vert.first(h - 1) + vert.count(h - 1) : top + h;
        for (int i = 0; vertical && i < h; i++) {
            rowFirst = Math.min(rowFirst, vert.first(i));
            rowEnd = Math.max(rowEnd, vert.first(i) + vert.count(i));
        }
        int rows = rowEnd - rowFirst;

        // Pass 1, horizontal: rows [rowFirst, rowEnd) of the input, columns [left, left + w) of the output.
        int[] mid;
        if (horizontal) {
            Coefficients hor = coefficients(inW, width, left, w);
            int colFirst = hor.first(0);
            int colEnd = hor.first(w - 1) + hor.count(w - 1);
            for (int i = 0; i < w; i++) {
                colFirst = Math.min(colFirst, hor.first(i));
                colEnd = Math.max(colEnd, hor.first(i) + hor.count(i));
            }
            int span = colEnd - colFirst;
            int[] in = src.read(colFirst, rowFirst, span, rows);
            mid = new int[w * rows];
            int half = 1 << (PRECISION_BITS - 1);
            for (int y = 0; y < rows; y++) {
                int rowBase = y * span - colFirst;
                for (int x = 0; x < w; x++) {
                    int xmin = hor.first(x);
                    int n = hor.count(x);
                    int kBase = x * hor.ksize();
                    int r = half;
                    int g = half;
                    int b = half;
                    for (int i = 0; i < n; i++) {
                        int px = in[rowBase + xmin + i];
                        int k = hor.weights()[kBase + i];
                        r += ((px >> 16) & 0xFF) * k;
                        g += ((px >> 8) & 0xFF) * k;
                        b += (px & 0xFF) * k;
                    }
                    mid[y * w + x] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
                }
            }
        } else {
            mid = src.read(left, rowFirst, w, rows);
        }
        if (!vertical) {
            return mid;
        }

        // Pass 2, vertical: rows [top, top + h) of the output from the rows kept above.
        int[] out = new int[w * h];
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < h; y++) {
            int ymin = vert.first(y) - rowFirst;
            int n = vert.count(y);
            int kBase = y * vert.ksize();
            for (int x = 0; x < w; x++) {
                int r = half;
                int g = half;
                int b = half;
                for (int i = 0; i < n; i++) {
                    int px = mid[(ymin + i) * w + x];
                    int k = vert.weights()[kBase + i];
                    r += ((px >> 16) & 0xFF) * k;
                    g += ((px >> 8) & 0xFF) * k;
                    b += (px & 0xFF) * k;
                }
                out[y * w + x] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
            }
        }
        return out;
    }

    /** Pillow's {@code clip8}: the fixed-point sum shifted down, clipped to 0..255. */
    private static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}

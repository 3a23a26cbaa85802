package studio.catdog.core.image;

import java.util.Arrays;

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
     * @return three planes (R, G, B) of {@code w * h} values 0..255, row by row
     */
    static int[][] region(ImagePreprocessor.Rgb src, int width, int height, int left, int top, int w, int h) {
        int inW = src.width();
        int inH = src.height();
        boolean horizontal = width != inW;
        boolean vertical = height != inH;
        // The input rows the vertical pass reads (only the crop's rows when there is no vertical pass).
        Coefficients vert = vertical ? coefficients(inH, height, top, h) : null;
        int rowFirst = top;
        int rowEnd = top + h;
        if (vertical) {
            rowFirst = Integer.MAX_VALUE;
            rowEnd = 0;
            for (int i = 0; i < h; i++) {
                rowFirst = Math.min(rowFirst, vert.first(i));
                rowEnd = Math.max(rowEnd, vert.first(i) + vert.count(i));
            }
        }
        int rows = rowEnd - rowFirst;

        // Pass 1, horizontal: input rows [rowFirst, rowEnd), output columns [left, left + w).
        int[][] mid;
        if (horizontal) {
            Coefficients hor = coefficients(inW, width, left, w);
            int colFirst = Integer.MAX_VALUE;
            int colEnd = 0;
            for (int i = 0; i < w; i++) {
                colFirst = Math.min(colFirst, hor.first(i));
                colEnd = Math.max(colEnd, hor.first(i) + hor.count(i));
            }
            int span = colEnd - colFirst;
            mid = horizontal(columns(src.read(colFirst, rowFirst, span, rows), span, rows), rows, w, hor, colFirst);
        } else {
            mid = planes(src.read(left, rowFirst, w, rows));
        }
        if (!vertical) {
            return mid;
        }
        // Pass 2, vertical: output rows [top, top + h) from the rows kept above.
        int[][] out = new int[3][w * h];
        for (int plane = 0; plane < 3; plane++) {
            vertical(mid[plane], w, h, w, vert, rowFirst, out[plane]);
        }
        return out;
    }

    /**
     * The horizontal pass (Pillow's {@code ImagingResampleHorizontal_8bpc}) on planes stored column by
     * column, so that the inner loop runs down a column and the compiler vectorises it.
     *
     * @param src three planes, {@code lines} values per column
     * @param lines rows
     * @param w output pixels per row
     * @param c the weights
     * @param origin the input column {@code c}'s positions count from
     * @return three planes of {@code lines * w} values, row by row
     */
    private static int[][] horizontal(int[][] src, int lines, int w, Coefficients c, int origin) {
        int[] weights = c.weights();
        int[] bounds = c.bounds();
        int ksize = c.ksize();
        int half = 1 << (PRECISION_BITS - 1);
        int[][] out = new int[3][lines * w];
        int[] sum = new int[lines];
        for (int plane = 0; plane < 3; plane++) {
            int[] in = src[plane];
            int[] dst = out[plane];
            for (int x = 0; x < w; x++) {
                Arrays.fill(sum, half);
                int first = bounds[2 * x] - origin;
                int n = bounds[2 * x + 1];
                for (int i = 0; i < n; i++) {
                    int k = weights[x * ksize + i];
                    int at = (first + i) * lines;
                    for (int y = 0; y < lines; y++) {
                        sum[y] += in[at + y] * k;
                    }
                }
                for (int y = 0; y < lines; y++) {
                    dst[y * w + x] = clip8(sum[y]);
                }
            }
        }
        return out;
    }

    /** Taps outside, columns inside: the inner loop runs over a row and the compiler vectorises it. */
    private static void vertical(int[] src, int stride, int lines, int w, Coefficients c, int origin, int[] dst) {
        int[] weights = c.weights();
        int[] bounds = c.bounds();
        int ksize = c.ksize();
        int half = 1 << (PRECISION_BITS - 1);
        int[] sum = new int[w];
        for (int y = 0; y < lines; y++) {
            Arrays.fill(sum, half);
            int first = bounds[2 * y] - origin;
            int n = bounds[2 * y + 1];
            for (int i = 0; i < n; i++) {
                int k = weights[y * ksize + i];
                int at = (first + i) * stride;
                for (int x = 0; x < w; x++) {
                    sum[x] += src[at + x] * k;
                }
            }
            int outRow = y * w;
            for (int x = 0; x < w; x++) {
                dst[outRow + x] = clip8(sum[x]);
            }
        }
    }

    /** Packed pixels, row by row, as three planes stored column by column. */
    private static int[][] columns(int[] packed, int span, int rows) {
        int[][] p = new int[3][packed.length];
        int[] r = p[0];
        int[] g = p[1];
        int[] b = p[2];
        for (int y = 0; y < rows; y++) {
            for (int x = 0, i = y * span, j = y; x < span; x++, i++, j += rows) {
                int v = packed[i];
                r[j] = (v >> 16) & 0xFF;
                g[j] = (v >> 8) & 0xFF;
                b[j] = v & 0xFF;
            }
        }
        return p;
    }

    private static int[][] planes(int[] packed) {
        int[][] p = new int[3][packed.length];
        for (int i = 0; i < packed.length; i++) {
            int v = packed[i];
            p[0][i] = (v >> 16) & 0xFF;
            p[1][i] = (v >> 8) & 0xFF;
            p[2][i] = v & 0xFF;
        }
        return p;
    }

    /** Pillow's {@code clip8}: the fixed-point sum shifted down, clipped to 0..255. */
    private static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}

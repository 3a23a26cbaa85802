package studio.catdog.core.audit;

import java.awt.image.BufferedImage;

/**
 * A 64-bit difference hash (dHash): the picture shrunk to 9x8 grey cells by averaging, one bit per
 * cell saying whether it is brighter than its right-hand neighbour. Resizing, re-encoding and small
 * crops change few bits; different pictures differ in about half of them. Cheap: it reads each
 * pixel once.
 */
public final class PerceptualHash {

    private static final int W = 9;
    private static final int H = 8;

    private PerceptualHash() {}

    /**
     * @param image the decoded picture
     * @return its 64-bit difference hash
     */
    public static long dHash(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] sum = new double[W * H];
        int[] count = new int[W * H];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int cy = Math.min(H - 1, (int) ((long) y * H / h));
            for (int x = 0; x < w; x++) {
                int cx = Math.min(W - 1, (int) ((long) x * W / w));
                int rgb = row[x];
                double grey = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum[cy * W + cx] += grey;
                count[cy * W + cx]++;
            }
        }
        double[] cell = new double[W * H];
        for (int i = 0; i < cell.length; i++) {
            // A picture narrower than 9 pixels leaves cells empty; they borrow the cell to their left.
            cell[i] = count[i] > 0 ? sum[i] / count[i] : (i % W > 0 ? cell[i - 1] : 0);
        }
        long hash = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W - 1; x++) {
                hash <<= 1;
                if (cell[y * W + x] > cell[y * W + x + 1]) {
                    hash |= 1;
                }
            }
        }
        return hash;
    }

    /**
     * @param a one hash
     * @param b another
     * @return the number of bits in which they differ (0 to 64)
     */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}

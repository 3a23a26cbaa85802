package studio.catdog.core.audit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import studio.catdog.core.concurrent.CancellationToken;

/**
 * Finds every pair of vectors whose cosine similarity reaches a threshold, by a blocked matrix product
 * of the L2-normalised vectors (PyTorch through DJL): rows are taken {@code blockRows} at a time and
 * multiplied with the columns from the block's own first row on, in chunks, so only the upper triangle
 * is computed and at most {@code blockRows x COLUMN_CHUNK} similarities exist at once. Only the pairs
 * over the threshold reach Java; no list of all pairs is ever built.
 *
 * <p>Memory: one native copy of the normalised vectors (n x dim floats) plus one block of similarities.
 * Runs on the calling thread (the engine worker); every NDArray is closed before it returns.
 */
public final class SimilaritySearch {

    /** Columns multiplied at a time; with 1024 rows a block of similarities is 32 MB. */
    static final int COLUMN_CHUNK = 8192;

    private SimilaritySearch() {}

    /** Receives one pair over the threshold. */
    @FunctionalInterface
    public interface PairSink {
        /**
         * @param first the smaller index
         * @param second the larger index
         * @param cosine their cosine similarity
         */
        void accept(int first, int second, float cosine);
    }

    /**
     * Finds all pairs {@code i < j} with {@code cos(v_i, v_j) >= threshold}. A zero vector is similar
     * to nothing.
     *
     * @param vectors the vectors, all of one length; not modified
     * @param threshold the lowest cosine similarity reported
     * @param blockRows rows per block
     * @param cancel checked between blocks
     * @param progress "Searching for near-duplicates", rows done of rows
     * @param sink receives each pair, in row-block order
     * @return the number of pairs reported
     */
    public static long search(
            List<float[]> vectors,
            double threshold,
            int blockRows,
            CancellationToken cancel,
            AuditProgress progress,
            PairSink sink) {
        int n = vectors.size();
        if (n < 2) {
            return 0;
        }
        int dim = vectors.get(0).length;
        long pairs = 0;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray all = manager.zeros(new Shape(n, dim), DataType.FLOAT32);
            int rowsPerCopy = Math.max(1, Math.min(n, (1 << 22) / Math.max(1, dim)));
            float[] chunk = new float[rowsPerCopy * dim];
            for (int r0 = 0; r0 < n; r0 += rowsPerCopy) {
                int r1 = Math.min(n, r0 + rowsPerCopy);
                for (int r = r0; r < r1; r++) {
                    normalise(vectors.get(r), chunk, (r - r0) * dim);
                }
                try (NDManager scope = manager.newSubManager()) {
                    float[] part = r1 - r0 == rowsPerCopy ? chunk : Arrays.copyOf(chunk, (r1 - r0) * dim);
                    NDArray block = scope.create(part, new Shape(r1 - r0, dim));
                    all.set(new NDIndex("{}:{}", r0, r1), block);
                }
            }
            float t = (float) threshold;
            for (int r0 = 0; r0 < n; r0 += blockRows) {
                if (cancel != null) {
                    cancel.throwIfCancelled();
                }
                progress.progress("Searching for near-duplicates", r0, n);
                int r1 = Math.min(n, r0 + blockRows);
                for (int c0 = r0; c0 < n; c0 += COLUMN_CHUNK) {
                    int c1 = Math.min(n, c0 + COLUMN_CHUNK);
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray rows = all.get(new NDIndex("{}:{}", r0, r1));
                        NDArray cols = all.get(new NDIndex("{}:{}", c0, c1));
                        rows.attach(scope);
                        cols.attach(scope);
                        NDArray sim = rows.matMul(cols.transpose());
                        NDArray hit = sim.gte(t);
                        if (!hit.any().getBoolean()) {
                            continue;
                        }
                        long[] where = hit.nonzero().toLongArray();
                        float[] values = sim.booleanMask(hit).toFloatArray();
                        for (int k = 0; k < values.length; k++) {
                            int i = r0 + (int) where[2 * k];
                            int j = c0 + (int) where[2 * k + 1];
                            if (j > i) {
                                sink.accept(i, j, Math.min(1f, values[k]));
                                pairs++;
                            }
                        }
                    }
                }
            }
            progress.progress("Searching for near-duplicates", n, n);
        }
        return pairs;
    }

    /** Writes v / |v| into out at offset; a zero vector stays zero (similar to nothing). */
    static void normalise(float[] v, float[] out, int offset) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        double inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
        for (int d = 0; d < v.length; d++) {
            out[offset + d] = (float) (v[d] * inv);
        }
    }
}

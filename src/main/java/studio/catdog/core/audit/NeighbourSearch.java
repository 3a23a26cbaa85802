package studio.catdog.core.audit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import studio.catdog.core.concurrent.CancellationToken;

/**
 * The nearest neighbours of feature vectors by cosine similarity (deep k-NN, Bahri, Jiang and Gupta, 2020):
 * the evidence beside the out-of-fold model in {@link LabelAudit}. The L2-normalised vectors are copied once
 * into a native PyTorch array (as {@link SimilaritySearch} does); each block of rows is multiplied with
 * {@link SimilaritySearch#COLUMN_CHUNK} columns at a time and only each chunk's top k (PyTorch's
 * {@code topk}) reach Java, where the chunks are merged. Memory: one native copy of the vectors plus one block
 * of similarities. Use on one thread (the engine worker); {@link #close()} frees the native copy.
 */
public final class NeighbourSearch implements AutoCloseable {

    /** Queries of {@link #nearestOfEachClass} multiplied at a time: 256 rows of similarities. */
    private static final int QUERY_BLOCK = 256;

    private final NDManager manager;
    private final NDArray all;
    private final List<float[]> vectors;
    private final int n;

    private NeighbourSearch(NDManager manager, NDArray all, List<float[]> vectors) {
        this.manager = manager;
        this.all = all;
        this.vectors = vectors;
        this.n = vectors.size();
    }

    /**
     * Copies the vectors, L2-normalised, into a native array.
     *
     * @param vectors the vectors, all of one length (a zero vector is similar to nothing); not modified
     * @return the search; close it
     */
    public static NeighbourSearch of(List<float[]> vectors) {
        int n = vectors.size();
        int dim = n == 0 ? 1 : vectors.get(0).length;
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            NDArray all = manager.zeros(new Shape(Math.max(1, n), dim), DataType.FLOAT32);
            int rowsPerCopy = Math.max(1, Math.min(Math.max(1, n), (1 << 22) / Math.max(1, dim)));
            float[] chunk = new float[rowsPerCopy * dim];
            for (int r0 = 0; r0 < n; r0 += rowsPerCopy) {
                int r1 = Math.min(n, r0 + rowsPerCopy);
                for (int r = r0; r < r1; r++) {
                    SimilaritySearch.normalise(vectors.get(r), chunk, (r - r0) * dim);
                }
                try (NDManager scope = manager.newSubManager()) {
                    float[] part = r1 - r0 == rowsPerCopy ? chunk : Arrays.copyOf(chunk, (r1 - r0) * dim);
                    all.set(new NDIndex("{}:{}", r0, r1), scope.create(part, new Shape(r1 - r0, dim)));
                }
            }
            return new NeighbourSearch(manager, all, vectors);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The k nearest other vectors of every vector, most similar first (ties by index).
     *
     * @param k neighbours per vector (fewer when there are fewer other vectors)
     * @param blockRows rows multiplied at a time
     * @param cancel checked between blocks; may be null
     * @param progress "Finding nearest neighbours", rows done of rows
     * @return per vector, the indexes of its neighbours; never the vector itself
     */
    public int[][] nearest(int k, int blockRows, CancellationToken cancel, AuditProgress progress) {
        int kk = Math.min(k, n - 1);
        int[][] result = new int[n][];
        if (kk <= 0) {
            Arrays.fill(result, new int[0]);
            return result;
        }
        for (int r0 = 0; r0 < n; r0 += blockRows) {
            if (cancel != null) {
                cancel.throwIfCancelled();
            }
            progress.progress("Finding nearest neighbours", r0, n);
            int r1 = Math.min(n, r0 + blockRows);
            Best best = new Best(r1 - r0, kk);
            for (int c0 = 0; c0 < n; c0 += SimilaritySearch.COLUMN_CHUNK) {
                int c1 = Math.min(n, c0 + SimilaritySearch.COLUMN_CHUNK);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray rows = all.get(new NDIndex("{}:{}", r0, r1));
                    NDArray cols = all.get(new NDIndex("{}:{}", c0, c1));
                    rows.attach(scope);
                    cols.attach(scope);
                    NDArray sim = rows.matMul(cols.transpose());
                    best.offer(sim, c0, Math.min(kk + 1, c1 - c0));
                }
            }
            for (int r = r0; r < r1; r++) {
                result[r] = best.pick(r - r0, null, r);
            }
        }
        progress.progress("Finding nearest neighbours", n, n);
        return result;
    }

    /**
     * For some vectors, the nearest other vectors of each class: the evidence a person looks at beside a
     * suspect (the given class's nearest images and the suggested class's).
     *
     * @param queries indexes of the vectors to look around
     * @param labels the class of every vector
     * @param classes the number of classes
     * @param m neighbours per class (fewer when a class has fewer other vectors)
     * @return per query, per class, the indexes of its nearest vectors of that class, most similar first
     */
    public int[][][] nearestOfEachClass(int[] queries, int[] labels, int classes, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("need at least one neighbour per class");
        }
        int[][][] result = new int[queries.length][classes][];
        int dim = (int) all.getShape().get(1);
        float[] row = new float[dim];
        for (int q0 = 0; q0 < queries.length; q0 += QUERY_BLOCK) {
            int q1 = Math.min(queries.length, q0 + QUERY_BLOCK);
            float[] sims;
            try (NDManager scope = manager.newSubManager()) {
                float[] rows = new float[(q1 - q0) * dim];
                for (int q = q0; q < q1; q++) {
                    SimilaritySearch.normalise(vectors.get(queries[q]), row, 0);
                    System.arraycopy(row, 0, rows, (q - q0) * dim, dim);
                }
                NDArray r = scope.create(rows, new Shape(q1 - q0, dim));
                NDArray cols = all.get(new NDIndex("0:{}", n));
                cols.attach(scope);
                sims = r.matMul(cols.transpose()).toFloatArray();
            }
            for (int q = q0; q < q1; q++) {
                for (int c = 0; c < classes; c++) {
                    result[q][c] = topOfClass(sims, (q - q0) * n, labels, c, m, queries[q]);
                }
            }
        }
        return result;
    }

    /** The m most similar of class c in one row of similarities, leaving out {@code self}; ties by index. */
    private int[] topOfClass(float[] sims, int offset, int[] labels, int c, int m, int self) {
        int[] idx = new int[m];
        float[] sc = new float[m];
        int size = 0;
        for (int j = 0; j < n; j++) {
            if (labels[j] != c || j == self) {
                continue;
            }
            float s = sims[offset + j];
            if (size == m && s <= sc[m - 1]) {
                continue;
            }
            int pos = Math.min(size, m - 1);
            while (pos > 0 && sc[pos - 1] < s) {
                idx[pos] = idx[pos - 1];
                sc[pos] = sc[pos - 1];
                pos--;
            }
            idx[pos] = j;
            sc[pos] = s;
            size = Math.min(m, size + 1);
        }
        return size == m ? idx : Arrays.copyOf(idx, size);
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * The best candidates of each row so far, merged chunk by chunk: each chunk's top entries come from
     * PyTorch, the merge (and leaving out the row itself) happens here. Keeps one more than asked, since the
     * row itself may be among them.
     */
    private static final class Best {
        private final int k;
        private final int[][] index;
        private final float[][] score;
        private final int[] size;

        Best(int rows, int k) {
            this.k = k;
            this.index = new int[rows][k + 1];
            this.score = new float[rows][k + 1];
            this.size = new int[rows];
        }

        /** Merges the top {@code take} columns of each row of {@code sim}; column j is candidate c0 + j. */
        void offer(NDArray sim, int c0, int take) {
            NDList top = sim.topK(take, 1, true, true);
            float[] values = top.get(0).toFloatArray();
            long[] cols = top.get(1).toType(DataType.INT64, false).toLongArray();
            for (int r = 0; r < index.length; r++) {
                for (int t = 0; t < take; t++) {
                    insert(r, c0 + (int) cols[r * take + t], values[r * take + t]);
                }
            }
        }

        private void insert(int r, int candidate, float s) {
            int[] idx = index[r];
            float[] sc = score[r];
            int pos = size[r];
            while (pos > 0 && (sc[pos - 1] < s || (sc[pos - 1] == s && idx[pos - 1] > candidate))) {
                pos--;
            }
            if (pos > k) {
                return;
            }
            int moved = Math.min(size[r], k) - pos;
            System.arraycopy(idx, pos, idx, pos + 1, moved);
            System.arraycopy(sc, pos, sc, pos + 1, moved);
            idx[pos] = candidate;
            sc[pos] = s;
            size[r] = Math.min(k + 1, size[r] + 1);
        }

        /**
         * Row r's best k, as indexes through {@code global} (null: as they are), without {@code self}.
         */
        int[] pick(int r, long[] global, int self) {
            int[] out = new int[k];
            int m = 0;
            for (int t = 0; t < size[r] && m < k; t++) {
                int g = global == null ? index[r][t] : (int) global[index[r][t]];
                if (g != self) {
                    out[m++] = g;
                }
            }
            return m == k ? out : Arrays.copyOf(out, m);
        }
    }
}

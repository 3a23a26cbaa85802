package studio.catdog.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Flags images that look like none of the trained classes ("neither cat nor dog"). A two-class head
 * answers "cat" or "dog" even for a photo of an invoice; this looks at the image's backbone features
 * instead: its score is the mean cosine distance to its {@link #DEFAULT_NEIGHBOURS} nearest training images
 * (deep nearest neighbours, Sun et al. 2022). The threshold is the score below which a chosen share
 * ({@link #DEFAULT_QUANTILE}) of the training images fall, each scored against all the others (leave one out),
 * so it adapts to any backbone and any classes and no training image is held back from the references.
 *
 * <p>Measured on the real cat-and-dog photos with the built-in MobileNetV2 (BENCHMARKS.md, "Findings you can
 * trust"): 0.40-0.65 % of the 2000 test photos flagged and 95-99 % of 81 real photographs that show neither class
 * (Debian's desktop backgrounds and sample images), over five calibration seeds. The earlier detector (nearest
 * image only, 2000 references, 99 % of 400 held-out images) flagged 1.5-3.7 % of the test photos.
 */
public final class NoveltyDetector {

    /** The share of training images (each scored against the others) kept below the threshold by default. */
    public static final double DEFAULT_QUANTILE = 0.998;
    /** Nearest training images whose distances are averaged into the score. */
    public static final int DEFAULT_NEIGHBOURS = 10;
    /** At most this many training vectors are kept as references (a seeded sample beyond; memory and size). */
    public static final int MAX_REFERENCES = 20_000;
    /** Training images scored (leave one out) to set the threshold. */
    static final int CALIBRATION_SAMPLE = 2000;

    private static final int MAGIC_NEAREST = 0x43444e44; // "CDND": nearest image only (k = 1), before issue 18
    private static final int MAGIC = 0x43444e32; // "CDN2": k stored

    private final float[][] references;
    private final double threshold;
    private final int neighbours;

    /**
     * Rebuilds a detector that scores by the nearest image alone.
     *
     * @param references unit-length reference feature vectors
     * @param threshold distances above it are flagged
     */
    public NoveltyDetector(float[][] references, double threshold) {
        this(references, threshold, 1);
    }

    /**
     * Rebuilds a detector.
     *
     * @param references unit-length reference feature vectors
     * @param threshold scores above it are flagged
     * @param neighbours nearest references averaged into the score (at least 1)
     */
    public NoveltyDetector(float[][] references, double threshold, int neighbours) {
        if (references.length == 0) {
            throw new IllegalArgumentException("need reference vectors");
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("need at least one neighbour");
        }
        this.references = references;
        this.threshold = threshold;
        this.neighbours = Math.min(neighbours, references.length);
    }

    /**
     * Fits on training features with the default neighbours.
     *
     * @param features training feature vectors (at least 2)
     * @param quantile share of training images (each scored against the others) to keep below the threshold
     * @param seed seeds the samples
     * @return the detector
     */
    public static NoveltyDetector fit(List<float[]> features, double quantile, long seed) {
        return fit(features, quantile, DEFAULT_NEIGHBOURS, seed);
    }

    /**
     * Fits on training features: every one (up to {@link #MAX_REFERENCES}, a seeded sample beyond) becomes a
     * reference; a seeded sample of {@link #CALIBRATION_SAMPLE} of them is scored against all the others (leave
     * one out), and the threshold is their {@code quantile}.
     *
     * @param features training feature vectors (at least 2)
     * @param quantile share of the scored training images to keep below the threshold
     * @param neighbours nearest references averaged into the score
     * @param seed seeds the samples
     * @return the detector
     */
    public static NoveltyDetector fit(List<float[]> features, double quantile, int neighbours, long seed) {
        List<float[]> shuffled = new ArrayList<>(features.size());
        features.forEach(f -> shuffled.add(unit(f)));
        Collections.shuffle(shuffled, new Random(seed));
        float[][] reference =
                shuffled.subList(0, Math.min(shuffled.size(), MAX_REFERENCES)).toArray(float[][]::new);
        // With one image there is nothing to leave it out against: it is its own reference.
        int k = Math.max(1, Math.min(neighbours, reference.length - 1));
        NoveltyDetector unthresholded = new NoveltyDetector(reference, Double.POSITIVE_INFINITY, k);
        int scored = Math.min(reference.length, CALIBRATION_SAMPLE);
        double[] scores = reference.length > 1
                ? leaveOneOutScores(reference, scored, k)
                : new double[] {unthresholded.scoreUnit(reference[0], -1)};
        Arrays.sort(scores);
        int index = (int) Math.min(scores.length - 1, Math.max(0, Math.ceil(quantile * scores.length) - 1));
        return new NoveltyDetector(reference, scores[index], k);
    }

    /**
     * The scores of the first {@code scored} references against all the others, by a blocked matrix product on
     * the engine (PyTorch; in plain Java the 2000 x 4000 products of the real data took most of a training run).
     * Each row's top k + 1 similarities come back; the row itself is left out.
     */
    private static double[] leaveOneOutScores(float[][] reference, int scored, int k) {
        int n = reference.length;
        int dim = reference[0].length;
        double[] scores = new double[scored];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] flat = new float[n * dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(reference[i], 0, flat, i * dim, dim);
            }
            NDArray all = manager.create(flat, new Shape(n, dim));
            int take = Math.min(n, k + 1);
            for (int r0 = 0; r0 < scored; r0 += 256) {
                int r1 = Math.min(scored, r0 + 256);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray rows = all.get(new NDIndex("{}:{}", r0, r1));
                    rows.attach(scope);
                    NDArray sim = rows.matMul(all.transpose());
                    NDList top = sim.topK(take, 1, true, true);
                    float[] values = top.get(0).toFloatArray();
                    long[] index = top.get(1).toType(DataType.INT64, false).toLongArray();
                    for (int r = r0; r < r1; r++) {
                        double sum = 0;
                        int used = 0;
                        for (int t = 0; t < take && used < k; t++) {
                            int at = (r - r0) * take + t;
                            if (index[at] != r) {
                                sum += 1 - values[at];
                                used++;
                            }
                        }
                        scores[r] = sum / used;
                    }
                }
            }
        }
        return scores;
    }

    /**
     * The novelty score: the mean cosine distance (0 to 2) to the nearest training images.
     *
     * @param features the image's backbone features
     * @return the score; small for images like the training data
     */
    public double score(float[] features) {
        return scoreUnit(unit(features), -1);
    }

    /** Mean distance to the nearest {@code neighbours} references, leaving out reference {@code skip}. */
    private double scoreUnit(float[] u, int skip) {
        double[] best = new double[neighbours]; // highest similarities, descending
        Arrays.fill(best, -2);
        for (int r = 0; r < references.length; r++) {
            if (r == skip) {
                continue;
            }
            double s = dot(u, references[r]);
            if (s > best[neighbours - 1]) {
                int p = neighbours - 1;
                while (p > 0 && best[p - 1] < s) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = s;
            }
        }
        double sum = 0;
        int n = 0;
        for (double b : best) {
            if (b > -2) {
                sum += 1 - b;
                n++;
            }
        }
        return n == 0 ? 2 : sum / n;
    }

    /** Dot product with four independent sums, so the CPU can overlap them (4x faster than one sum). */
    private static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    /** @return scores above this are flagged */
    public double threshold() {
        return threshold;
    }

    /** @return the number of reference vectors */
    public int referenceCount() {
        return references.length;
    }

    /** @return the nearest references averaged into the score */
    public int neighbours() {
        return neighbours;
    }

    /**
     * The exact length of a file {@link #write} makes, from its first three numbers, so that a reader can check a
     * file's declared sizes against its length before it allocates anything.
     *
     * @param magic the file's first int
     * @param count the number of reference vectors it declares
     * @param dim the length of each
     * @return the length in bytes, or -1 when {@code magic} is not one this class writes or wrote
     */
    public static long fileLength(int magic, int count, int dim) {
        long header = magic == MAGIC ? 4 + 4 + 4 + 8 + 4 : magic == MAGIC_NEAREST ? 4 + 4 + 4 + 8 : -1;
        return header < 0 ? -1 : header + 4L * count * dim;
    }

    /**
     * Writes the detector (binary: magic, count, dimension, threshold, neighbours, vectors).
     *
     * @param out the stream (not closed)
     * @throws IOException on a write error
     */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeInt(MAGIC);
        data.writeInt(references.length);
        data.writeInt(references[0].length);
        data.writeDouble(threshold);
        data.writeInt(neighbours);
        for (float[] r : references) {
            for (float v : r) {
                data.writeFloat(v);
            }
        }
        data.flush();
    }

    /**
     * Reads a detector written by {@link #write}.
     *
     * @param in the stream
     * @param expectedDim the feature length it must have
     * @return the detector
     * @throws IOException when the data is not a detector of that dimension
     */
    public static NoveltyDetector read(InputStream in, int expectedDim) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        int magic = data.readInt();
        if (magic != MAGIC && magic != MAGIC_NEAREST) {
            throw new IOException("not a novelty detector file");
        }
        int count = data.readInt();
        int dim = data.readInt();
        if (count < 1 || count > 1_000_000 || dim != expectedDim) {
            throw new IOException(
                    "novelty detector has " + count + " vectors of " + dim + " features, expected " + expectedDim);
        }
        double threshold = data.readDouble();
        // A detector saved before the neighbours were recorded scored by the nearest image alone.
        int k = magic == MAGIC ? data.readInt() : 1;
        if (k < 1 || k > count) {
            throw new IOException("novelty detector averages " + k + " neighbours of " + count + " references");
        }
        float[][] refs = new float[count][dim];
        for (float[] r : refs) {
            for (int j = 0; j < dim; j++) {
                r[j] = data.readFloat();
            }
        }
        return new NoveltyDetector(refs, threshold, k);
    }

    private static float[] unit(float[] f) {
        double s = 0;
        for (float v : f) {
            s += (double) v * v;
        }
        double n = Math.sqrt(s);
        float[] out = new float[f.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < f.length; i++) {
            out[i] = (float) (f[i] / n);
        }
        return out;
    }

    @Override
    public String toString() {
        return "NoveltyDetector[" + references.length + " references, " + neighbours + " neighbours, threshold "
                + threshold + "]";
    }
}

package studio.catdog.core.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;

/**
 * Finds label errors from two kinds of evidence that a mislabelled image leaves: out-of-fold predicted
 * probabilities (every image is predicted by a model trained on the other folds, so a mislabelled image is
 * judged by a model that never learnt its wrong label) and the labels of its nearest images in the backbone's
 * feature space (deep k-NN, Bahri, Jiang and Gupta 2020; SimiFeat, Zhu, Dong and Liu 2022). A fluffy dog the
 * model takes for a cat has dogs among its neighbours; a cat filed among dogs has cat neighbours. On the real
 * cat-and-dog photos the model's confident mistakes alone made a quarter of the top suspects correct labels;
 * with the neighbours the top of the list holds the planted errors (BENCHMARKS.md, "Findings you can trust").
 *
 * <p>The fold models are multinomial logistic regressions (a linear head, as the app trains by default)
 * fitted here in plain Java with Adam on standardised features, not with {@code HeadTrainer}: k small
 * linear models need no engine, no validation split and no per-model native set-up, run anywhere (so
 * the ranking is tested without natives) and take about a second for 4000 images of 1280 features
 * (BENCHMARKS.md, "Data set audit"). Pure computation; no state.
 */
public final class LabelAudit {

    /** Nearest labelled images whose labels are counted (k of deep k-NN). */
    public static final int NEIGHBOURS = 20;

    /**
     * Weight of the neighbours' labels in the evidence; the out-of-fold probability has the rest. Chosen on
     * planted flips in the real data (30 flip sets): k = 20 and 0.7 gave the highest precision among the top n
     * with the recall among the top 2n unchanged (BENCHMARKS.md, "Findings you can trust").
     */
    public static final double NEIGHBOUR_WEIGHT = 0.7;

    /** A {@link SuspectTier#LIKELY} suspect has at most this share of its neighbours labelled as it is. */
    public static final double LIKELY_MAX_NEIGHBOUR_SHARE = 0.05;

    /** ... and at most this out-of-fold probability of its own label. */
    public static final double LIKELY_MAX_PROBABILITY = 0.10;

    /**
     * A {@link SuspectTier#LIKELY} suspect's neighbours are also reliable where it lies: among the images whose
     * nearest images are about as close as its own ({@link #neighbourAgreement}), at least this share of the
     * neighbours carry the image's own label. On the real photos the agreement is 0.99 for the closer half and
     * falls to about 0.7 for the 1 % whose nearest images are farthest (tiny, blurred or odd photos), where a
     * correct label's neighbours are often all of the other class (BENCHMARKS.md, "Findings you can trust").
     */
    public static final double LIKELY_MIN_AGREEMENT = 0.85;

    /**
     * The images whose neighbour agreement is averaged ({@link #neighbourAgreement}): this share of the data set
     * on either side of the image in the order of closeness, at least {@link #MIN_AGREEMENT_WINDOW}.
     */
    public static final double AGREEMENT_WINDOW = 0.02;

    /** The fewest images on either side averaged by {@link #neighbourAgreement}, for small data sets. */
    static final int MIN_AGREEMENT_WINDOW = 10;

    /** Images seen per fold model, in all epochs: large sets get fewer epochs (at least 3). */
    static final long SAMPLE_BUDGET = 300_000;

    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 3e-3;

    private LabelAudit() {}

    /**
     * The share of each image's neighbours that carry each label.
     *
     * @param neighbours per image, the indexes of its nearest other images ({@link NeighbourSearch#nearest})
     * @param labels the given class of every image
     * @param classes the number of classes
     * @return per image, per class, the share of its neighbours labelled so (all 0 without neighbours)
     */
    public static double[][] neighbourShares(int[][] neighbours, int[] labels, int classes) {
        double[][] share = new double[neighbours.length][classes];
        for (int i = 0; i < neighbours.length; i++) {
            for (int j : neighbours[i]) {
                share[i][labels[j]] += 1.0 / neighbours[i].length;
            }
        }
        return share;
    }

    /**
     * How close each image's neighbours are: the mean cosine similarity to them. A photo the backbone
     * describes poorly (tiny, blurred, an odd subject) has no close images, and its "nearest" ones are only the
     * least far.
     *
     * @param vectors one vector per image (a zero vector is similar to nothing)
     * @param neighbours per image, the indexes of its nearest other images
     * @return per image, the mean cosine similarity to its neighbours (0 without neighbours)
     */
    public static double[] closeness(List<float[]> vectors, int[][] neighbours) {
        double[] norm = new double[vectors.size()];
        for (int i = 0; i < norm.length; i++) {
            double sq = 0;
            for (float x : vectors.get(i)) {
                sq += (double) x * x;
            }
            norm[i] = Math.sqrt(sq);
        }
        double[] out = new double[neighbours.length];
        for (int i = 0; i < neighbours.length; i++) {
            float[] a = vectors.get(i);
            double sum = 0;
            for (int j : neighbours[i]) {
                float[] b = vectors.get(j);
                double dot = 0;
                for (int d = 0; d < a.length; d++) {
                    dot += (double) a[d] * b[d];
                }
                double den = norm[i] * norm[j];
                sum += den > 0 ? dot / den : 0;
            }
            out[i] = neighbours[i].length == 0 ? 0 : sum / neighbours[i].length;
        }
        return out;
    }

    /**
     * How far the neighbours' labels can be trusted where each image lies, measured on the data set itself:
     * the images are ordered by {@link #closeness}, and each gets the mean share of neighbours carrying their
     * own label over the images around it in that order ({@link #AGREEMENT_WINDOW} of the data set on either
     * side). Where the nearest images are close, nearly all neighbours share the label; where they are far, a
     * correct label's neighbours often belong to another class, so they say less about this image. A few wrong
     * labels lower the agreement everywhere a little, not in one place.
     *
     * @param closeness per image, how close its neighbours are
     * @param shares per image, the share of its neighbours labelled with each class
     * @param labels the given class of every image
     * @return per image, the neighbour agreement around it, from 0 to 1 (images without neighbours do not
     *     count; 1 where none around has any)
     */
    public static double[] neighbourAgreement(double[] closeness, double[][] shares, int[] labels) {
        int n = labels.length;
        double[] agreement = new double[n];
        if (n == 0) {
            return agreement;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, Comparator.comparingDouble((Integer i) -> closeness[i]).thenComparingInt(i -> i));
        // Sums of own-label shares and counts of images with neighbours, in closeness order.
        double[] sum = new double[n + 1];
        int[] counted = new int[n + 1];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            double total = 0;
            for (double x : shares[i]) {
                total += x;
            }
            boolean hasNeighbours = total > 0;
            sum[r + 1] = sum[r] + (hasNeighbours ? shares[i][labels[i]] : 0);
            counted[r + 1] = counted[r] + (hasNeighbours ? 1 : 0);
        }
        int half = Math.max(MIN_AGREEMENT_WINDOW, (int) Math.round(AGREEMENT_WINDOW * n));
        for (int r = 0; r < n; r++) {
            int lo = Math.max(0, r - half);
            int hi = Math.min(n, r + half + 1);
            int c = counted[hi] - counted[lo];
            agreement[order[r]] = c == 0 ? 1 : (sum[hi] - sum[lo]) / c;
        }
        return agreement;
    }

    /**
     * The neighbours' shares as far as they can be trusted: pulled towards an even split over the classes
     * by how far the agreement where the image lies falls short of 1. With agreement a and c classes the
     * neighbours are reliable to r = (a - 1/c) / (1 - 1/c) (0 at chance, 1 when all agree), and each share
     * becomes r x share + (1 - r) / c. At agreement 1 the shares are unchanged.
     *
     * @param share the share of the image's neighbours per class
     * @param agreement the neighbour agreement where it lies ({@link #neighbourAgreement})
     * @return the trusted shares, summing to 1 when the shares do
     */
    public static double[] trustedShares(double[] share, double agreement) {
        int classes = share.length;
        if (classes < 2) {
            return share.clone();
        }
        double chance = 1.0 / classes;
        double r = Math.max(0, Math.min(1, (agreement - chance) / (1 - chance)));
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = r * share[c] + (1 - r) * chance;
        }
        return out;
    }

    /**
     * The evidence for each class: {@link #NEIGHBOUR_WEIGHT} of the neighbours' share plus the rest of the
     * out-of-fold probability. Sums to 1 over the classes when both do.
     *
     * @param probability the out-of-fold probabilities of one image
     * @param share the share of its neighbours per class
     * @return the evidence per class
     */
    public static double[] evidence(double[] probability, double[] share) {
        double[] e = new double[probability.length];
        for (int c = 0; c < e.length; c++) {
            e[c] = NEIGHBOUR_WEIGHT * share[c] + (1 - NEIGHBOUR_WEIGHT) * probability[c];
        }
        return e;
    }

    /**
     * {@link #rank(double[][], double[][], double[], int[], int)} with neighbours trusted everywhere
     * (agreement 1): the ranking before the agreement was measured, for tests of the evidence alone.
     *
     * @param probabilities per image, the out-of-fold probability of each class
     * @param shares per image, the share of its neighbours labelled with each class
     * @param labels the given classes
     * @param classes the number of classes
     * @return the suspects, likely ones first
     */
    public static SuspectRanking rank(double[][] probabilities, double[][] shares, int[] labels, int classes) {
        double[] everywhere = new double[labels.length];
        Arrays.fill(everywhere, 1);
        return rank(probabilities, shares, everywhere, labels, classes);
    }

    /**
     * Ranks images whose evidence ({@link #evidence} of the probabilities and the {@link #trustedShares})
     * favours another class than their label: the {@link SuspectTier#LIKELY} ones first (at most
     * {@link #LIKELY_MAX_NEIGHBOUR_SHARE} of the neighbours carry the label, the out-of-fold model gives it at
     * most {@link #LIKELY_MAX_PROBABILITY}, and the neighbours are reliable where it lies: agreement at least
     * {@link #LIKELY_MIN_AGREEMENT}), then the {@link SuspectTier#POSSIBLE} ones; within each tier the least
     * evidence for the given label first. The suggested class is the one with the most evidence; a class
     * without images is never suggested.
     *
     * @param probabilities per image, the out-of-fold probability of each class
     * @param shares per image, the share of its neighbours labelled with each class
     * @param agreement per image, the neighbour agreement where it lies ({@link #neighbourAgreement})
     * @param labels the given classes
     * @param classes the number of classes
     * @return the suspects, likely ones first; ties by index (thresholds as in {@link #confidentLearning})
     */
    public static SuspectRanking rank(
            double[][] probabilities, double[][] shares, double[] agreement, int[] labels, int classes) {
        int[] count = new int[classes];
        for (int l : labels) {
            count[l]++;
        }
        List<IndexedSuspect> likely = new ArrayList<>();
        List<IndexedSuspect> possible = new ArrayList<>();
        double[] given = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] e = evidence(probabilities[i], trustedShares(shares[i], agreement[i]));
            int g = labels[i];
            given[i] = e[g];
            int best = -1;
            for (int j = 0; j < classes; j++) {
                if (j != g && count[j] > 0 && e[j] > e[g] && (best < 0 || e[j] > e[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                continue;
            }
            boolean strong = shares[i][g] <= LIKELY_MAX_NEIGHBOUR_SHARE + 1e-9
                    && probabilities[i][g] <= LIKELY_MAX_PROBABILITY
                    && agreement[i] >= LIKELY_MIN_AGREEMENT - 1e-9;
            IndexedSuspect s =
                    new IndexedSuspect(i, g, best, e[best] - e[g], strong ? SuspectTier.LIKELY : SuspectTier.POSSIBLE);
            (strong ? likely : possible).add(s);
        }
        Comparator<IndexedSuspect> order = Comparator.comparingDouble((IndexedSuspect s) -> given[s.index()])
                .thenComparingInt(IndexedSuspect::index);
        likely.sort(order);
        possible.sort(order);
        List<IndexedSuspect> suspects = new ArrayList<>(likely);
        suspects.addAll(possible);
        return new SuspectRanking(thresholds(probabilities, labels, classes), List.copyOf(suspects));
    }

    /**
     * Out-of-fold probabilities: a stratified, seeded split into {@code settings.folds()} folds; each
     * fold is predicted by a model trained on the others.
     *
     * @param features one vector per image (all the same length); not modified
     * @param labels the given class of each image
     * @param classes the number of classes
     * @param settings folds, seed, epochs and weight decay
     * @param cancel checked between epochs
     * @param progress "Checking labels", folds done of folds
     * @return per image, the probability of each class
     * @throws CatdogException when there are fewer images than folds
     */
    public static double[][] outOfFoldProbabilities(
            List<float[]> features,
            int[] labels,
            int classes,
            AuditSettings settings,
            CancellationToken cancel,
            AuditProgress progress) {
        int n = features.size();
        if (n != labels.length) {
            throw new IllegalArgumentException("features and labels differ in length");
        }
        if (n < settings.folds()) {
            throw new CatdogException(
                    "Checking labels needs at least " + settings.folds() + " training images, found " + n + ".");
        }
        int dim = features.get(0).length;
        int[] fold = stratifiedFolds(labels, classes, settings.folds(), settings.seed());
        double[] mean = new double[dim];
        double[] invStd = new double[dim];
        standardisation(features, mean, invStd);
        double[][] probs = new double[n][];
        for (int f = 0; f < settings.folds(); f++) {
            progress.progress("Checking labels", f, settings.folds());
            List<Integer> train = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (fold[i] == f ? held : train).add(i);
            }
            Softmax model = Softmax.fit(
                    features,
                    labels,
                    classes,
                    train,
                    mean,
                    invStd,
                    settings,
                    new Random(settings.seed() * 31 + f),
                    cancel);
            for (int i : held) {
                probs[i] = model.probabilities(features.get(i));
            }
        }
        progress.progress("Checking labels", settings.folds(), settings.folds());
        return probs;
    }

    /**
     * The previous ranking, from the out-of-fold probabilities alone: kept so that the benchmark
     * ({@code catdog audit --plant-flips}) measures the old ranking beside {@link #rank} on the same data.
     * The model's confident mistakes (a fluffy dog it takes for a cat) lead it (BENCHMARKS.md).
     *
     * <p>{@link SuspectTier#LIKELY}, confident learning: the threshold of class j is the mean probability
     * of j over the images labelled j; an image is a suspect when the probability of another class j
     * reaches j's threshold (the most probable such class is suggested). Ranked by
     * {@code p[suggested] - p[given]}, highest first.
     *
     * <p>{@link SuspectTier#POSSIBLE}, after them: every other image whose most probable class is not its
     * label (that class is suggested), ranked by self-confidence {@code p[given]}, lowest first, as
     * cleanlab's {@code rank_by="self_confidence"} does. The thresholds are high when the model is
     * accurate (about 0.93 on the real cat-and-dog data), so a flipped image the model gives 0.9 to its true
     * class misses them; without this tier a "top 2x" list of suspects is not even full (BENCHMARKS.md,
     * "Data set audit"). A class without images has no threshold and is never suggested.
     *
     * @param probabilities per image, per class
     * @param labels the given classes
     * @param classes the number of classes
     * @return the thresholds and the suspects, likely ones first; ties by index
     */
    public static SuspectRanking confidentLearning(double[][] probabilities, int[] labels, int classes) {
        int[] count = new int[classes];
        for (int l : labels) {
            count[l]++;
        }
        double[] threshold = thresholds(probabilities, labels, classes);
        List<IndexedSuspect> likely = new ArrayList<>();
        List<IndexedSuspect> possible = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities[i];
            int given = labels[i];
            int overThreshold = -1;
            int mostProbable = -1;
            for (int j = 0; j < classes; j++) {
                if (j == given || count[j] == 0) {
                    continue;
                }
                if (p[j] >= threshold[j] && (overThreshold < 0 || p[j] > p[overThreshold])) {
                    overThreshold = j;
                }
                if (p[j] > p[given] && (mostProbable < 0 || p[j] > p[mostProbable])) {
                    mostProbable = j;
                }
            }
            if (overThreshold >= 0) {
                likely.add(
                        new IndexedSuspect(i, given, overThreshold, p[overThreshold] - p[given], SuspectTier.LIKELY));
            } else if (mostProbable >= 0) {
                possible.add(
                        new IndexedSuspect(i, given, mostProbable, p[mostProbable] - p[given], SuspectTier.POSSIBLE));
            }
        }
        likely.sort(
                Comparator.comparingDouble(IndexedSuspect::score).reversed().thenComparingInt(IndexedSuspect::index));
        possible.sort(Comparator.comparingDouble((IndexedSuspect s) -> probabilities[s.index()][s.given()])
                .thenComparingInt(IndexedSuspect::index));
        List<IndexedSuspect> suspects = new ArrayList<>(likely);
        suspects.addAll(possible);
        return new SuspectRanking(threshold, List.copyOf(suspects));
    }

    /** Per class, the mean probability of the class over its own images (infinite for an empty class). */
    static double[] thresholds(double[][] probabilities, int[] labels, int classes) {
        double[] sum = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            sum[labels[i]] += probabilities[i][labels[i]];
            count[labels[i]]++;
        }
        double[] threshold = new double[classes];
        for (int c = 0; c < classes; c++) {
            // A class without images has no self-confidence; nothing is suggested into it.
            threshold[c] = count[c] == 0 ? Double.POSITIVE_INFINITY : sum[c] / count[c];
        }
        return threshold;
    }

    /** Fold of each image: within each class, a seeded shuffle dealt round-robin. */
    static int[] stratifiedFolds(int[] labels, int classes, int folds, long seed) {
        int[] fold = new int[labels.length];
        for (int c = 0; c < classes; c++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ofClass.add(i);
                }
            }
            Collections.shuffle(ofClass, new Random(seed + 1000003L * c));
            for (int k = 0; k < ofClass.size(); k++) {
                fold[ofClass.get(k)] = k % folds;
            }
        }
        return fold;
    }

    private static void standardisation(List<float[]> features, double[] mean, double[] invStd) {
        int dim = mean.length;
        double[] sq = new double[dim];
        for (float[] v : features) {
            for (int d = 0; d < dim; d++) {
                mean[d] += v[d];
                sq[d] += (double) v[d] * v[d];
            }
        }
        int n = features.size();
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
            double var = Math.max(0, sq[d] / n - mean[d] * mean[d]);
            // A constant feature carries nothing; 1 keeps it from dividing by zero.
            invStd[d] = var > 1e-12 ? 1 / Math.sqrt(var) : 1;
        }
    }

    /** A multinomial logistic regression on standardised features, fitted by mini-batch Adam. */
    static final class Softmax {
        private final int classes;
        private final int dim;
        private final float[] weights; // [class * dim + d]
        private final double[] bias;
        private final double[] mean;
        private final double[] invStd;

        private Softmax(int classes, int dim, double[] mean, double[] invStd) {
            this.classes = classes;
            this.dim = dim;
            this.weights = new float[classes * dim];
            this.bias = new double[classes];
            this.mean = mean;
            this.invStd = invStd;
        }

        static Softmax fit(
                List<float[]> features,
                int[] labels,
                int classes,
                List<Integer> rows,
                double[] mean,
                double[] invStd,
                AuditSettings settings,
                Random random,
                CancellationToken cancel) {
            int dim = mean.length;
            Softmax m = new Softmax(classes, dim, mean, invStd);
            int params = classes * dim;
            double[] gw = new double[params];
            double[] gb = new double[classes];
            double[] mw = new double[params];
            double[] vw = new double[params];
            double[] mb = new double[classes];
            double[] vb = new double[classes];
            float[] xs = new float[dim];
            double[] p = new double[classes];
            int epochs = (int) Math.max(
                    Math.min(3, settings.epochs()),
                    Math.min(settings.epochs(), (SAMPLE_BUDGET + rows.size() - 1) / Math.max(1, rows.size())));
            int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
            double beta1 = 0.9;
            double beta2 = 0.999;
            long step = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (cancel != null) {
                    cancel.throwIfCancelled();
                }
                shuffle(order, random);
                for (int start = 0; start < order.length; start += BATCH) {
                    int end = Math.min(order.length, start + BATCH);
                    Arrays.fill(gw, 0);
                    Arrays.fill(gb, 0);
                    for (int r = start; r < end; r++) {
                        int i = order[r];
                        m.standardise(features.get(i), xs);
                        m.softmax(xs, p);
                        p[labels[i]] -= 1;
                        for (int c = 0; c < classes; c++) {
                            double g = p[c];
                            gb[c] += g;
                            int off = c * dim;
                            for (int d = 0; d < dim; d++) {
                                gw[off + d] += g * xs[d];
                            }
                        }
                    }
                    double scale = 1.0 / (end - start);
                    step++;
                    double c1 = 1 - Math.pow(beta1, step);
                    double c2 = 1 - Math.pow(beta2, step);
                    for (int k = 0; k < params; k++) {
                        double g = gw[k] * scale + settings.weightDecay() * m.weights[k];
                        mw[k] = beta1 * mw[k] + (1 - beta1) * g;
                        vw[k] = beta2 * vw[k] + (1 - beta2) * g * g;
                        m.weights[k] -= (float) (LEARNING_RATE * (mw[k] / c1) / (Math.sqrt(vw[k] / c2) + 1e-8));
                    }
                    for (int c = 0; c < classes; c++) {
                        double g = gb[c] * scale;
                        mb[c] = beta1 * mb[c] + (1 - beta1) * g;
                        vb[c] = beta2 * vb[c] + (1 - beta2) * g * g;
                        m.bias[c] -= LEARNING_RATE * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8);
                    }
                }
            }
            return m;
        }

        double[] probabilities(float[] x) {
            float[] xs = new float[dim];
            double[] p = new double[classes];
            standardise(x, xs);
            softmax(xs, p);
            return p;
        }

        private void standardise(float[] x, float[] out) {
            for (int d = 0; d < dim; d++) {
                out[d] = (float) ((x[d] - mean[d]) * invStd[d]);
            }
        }

        private void softmax(float[] xs, double[] p) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                int off = c * dim;
                float acc0 = 0;
                float acc1 = 0;
                float acc2 = 0;
                float acc3 = 0;
                int d = 0;
                for (; d + 3 < dim; d += 4) {
                    acc0 += weights[off + d] * xs[d];
                    acc1 += weights[off + d + 1] * xs[d + 1];
                    acc2 += weights[off + d + 2] * xs[d + 2];
                    acc3 += weights[off + d + 3] * xs[d + 3];
                }
                for (; d < dim; d++) {
                    acc0 += weights[off + d] * xs[d];
                }
                p[c] = bias[c] + acc0 + acc1 + acc2 + acc3;
                max = Math.max(max, p[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < classes; c++) {
                p[c] /= sum;
            }
        }

        private static void shuffle(int[] a, Random random) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}

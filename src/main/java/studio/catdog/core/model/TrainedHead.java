package studio.catdog.core.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import studio.catdog.core.evaluation.Calibration;
import studio.catdog.core.evaluation.TemperatureChoice;

/**
 * A trained head: the feature standardisation and the layers on top of the frozen backbone, plus the
 * history of the run that made it. Owns a DJL model; use it from one thread (the model worker).
 */
public final class TrainedHead implements AutoCloseable {

    private final Model model;
    private final List<String> classes;
    private final float[] featureMean;
    private final float[] featureStd;
    private final int hiddenUnits;
    private final List<EpochMetrics> history;
    private final double temperature;
    private final NoveltyDetector novelty;
    private final TrainingStop stop;
    private TemperatureChoice temperatureChoice;

    /**
     * Wraps a model.
     *
     * @param model the DJL model whose block maps standardised features to class logits
     * @param classes class names, in label order
     * @param featureMean per-feature mean of the training features
     * @param featureStd per-feature standard deviation of the training features
     * @param hiddenUnits width of the hidden layer, 0 for a linear head
     * @param history per-epoch metrics of the training run (empty for a loaded head)
     */
    public TrainedHead(
            Model model,
            List<String> classes,
            float[] featureMean,
            float[] featureStd,
            int hiddenUnits,
            List<EpochMetrics> history) {
        this(model, classes, featureMean, featureStd, hiddenUnits, history, 1.0, null);
    }

    /**
     * Wraps a model with its calibration and novelty detector.
     *
     * @param model the DJL model whose block maps standardised features to class logits
     * @param classes class names, in label order
     * @param featureMean per-feature mean of the training features
     * @param featureStd per-feature standard deviation of the training features
     * @param hiddenUnits width of the hidden layer, 0 for a linear head
     * @param history per-epoch metrics of the training run (empty for a loaded head)
     * @param temperature divides the logits before the softmax (1 = uncalibrated)
     * @param novelty flags images unlike the training data; may be null
     */
    public TrainedHead(
            Model model,
            List<String> classes,
            float[] featureMean,
            float[] featureStd,
            int hiddenUnits,
            List<EpochMetrics> history,
            double temperature,
            NoveltyDetector novelty) {
        this(model, classes, featureMean, featureStd, hiddenUnits, history, temperature, novelty, null);
    }

    /**
     * Wraps a freshly trained model with its calibration, novelty detector and how its run ended.
     *
     * @param model the DJL model whose block maps standardised features to class logits
     * @param classes class names, in label order
     * @param featureMean per-feature mean of the training features
     * @param featureStd per-feature standard deviation of the training features
     * @param hiddenUnits width of the hidden layer, 0 for a linear head
     * @param history per-epoch metrics of the training run (empty for a loaded head)
     * @param temperature divides the logits before the softmax (1 = uncalibrated)
     * @param novelty flags images unlike the training data; may be null
     * @param stop the epochs trained and the epoch kept; null for a loaded head
     */
    public TrainedHead(
            Model model,
            List<String> classes,
            float[] featureMean,
            float[] featureStd,
            int hiddenUnits,
            List<EpochMetrics> history,
            double temperature,
            NoveltyDetector novelty,
            TrainingStop stop) {
        this.stop = stop;
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.temperature = temperature;
        this.novelty = novelty;
        this.model = model;
        this.classes = List.copyOf(classes);
        this.featureMean = featureMean.clone();
        this.featureStd = featureStd.clone();
        this.hiddenUnits = hiddenUnits;
        this.history = List.copyOf(history);
    }

    /**
     * Calibrated class probabilities for feature vectors: softmax of the logits divided by the
     * temperature.
     *
     * @param features feature vectors of the backbone this head was trained on
     * @return one probability array per vector, in class order, each summing to 1
     */
    public float[][] probabilities(List<float[]> features) {
        return Calibration.softmax(logits(features), temperature);
    }

    /**
     * Raw class scores (before softmax and calibration).
     *
     * @param features feature vectors of the backbone this head was trained on
     * @return one logit array per vector, in class order
     */
    public float[][] logits(List<float[]> features) {
        int n = features.size();
        int dim = featureMean.length;
        float[][] result = new float[n][];
        int chunk = 1024;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            float[] flat = new float[(to - from) * dim];
            for (int i = from; i < to; i++) {
                float[] f = features.get(i);
                if (f.length != dim) {
                    throw new IllegalArgumentException("expected " + dim + " features, got " + f.length);
                }
                for (int j = 0; j < dim; j++) {
                    flat[(i - from) * dim + j] = (f[j] - featureMean[j]) / featureStd[j];
                }
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray x = manager.create(flat, new Shape(to - from, dim));
                NDArray logits = model.getBlock()
                        .forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                float[] p = logits.toFloatArray();
                int k = classes.size();
                for (int i = from; i < to; i++) {
                    result[i] = Arrays.copyOfRange(p, (i - from) * k, (i - from + 1) * k);
                }
            }
        }
        return result;
    }

    /**
     * Records what temperature scaling did on the validation images (set once, by the trainer).
     *
     * @param choice the measurement and the choice
     * @return this head
     */
    public TrainedHead withTemperatureChoice(TemperatureChoice choice) {
        this.temperatureChoice = choice;
        return this;
    }

    /** @return what temperature scaling did on the validation images; null for a head opened from a folder */
    public TemperatureChoice temperatureChoice() {
        return temperatureChoice;
    }

    /** @return the temperature that calibrates the probabilities (1 = none) */
    public double temperature() {
        return temperature;
    }

    /** @return the novelty detector, or null when the head has none */
    public NoveltyDetector novelty() {
        return novelty;
    }

    /** @return how the run that trained this head ended (epochs run, best and kept epoch); null for a loaded head */
    public TrainingStop stop() {
        return stop;
    }

    /** @return the DJL model (for saving) */
    public Model model() {
        return model;
    }

    /** @return class names in label order */
    public List<String> classes() {
        return classes;
    }

    /** @return a copy of the per-feature means */
    public float[] featureMean() {
        return featureMean.clone();
    }

    /** @return a copy of the per-feature standard deviations */
    public float[] featureStd() {
        return featureStd.clone();
    }

    /** @return the feature length this head expects */
    public int featureDim() {
        return featureMean.length;
    }

    /** @return the hidden layer width, 0 for a linear head */
    public int hiddenUnits() {
        return hiddenUnits;
    }

    /** @return per-epoch metrics of the run that trained it */
    public List<EpochMetrics> history() {
        return history;
    }

    @Override
    public void close() {
        model.close();
    }
}

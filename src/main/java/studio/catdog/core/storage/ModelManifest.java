package studio.catdog.core.storage;

import java.util.List;
import java.util.Map;

/**
 * The contents of a model folder's {@code model.json}: everything needed to rebuild the classifier
 * and to refuse a backbone it was not trained for. Serialised with Gson; records keep it immutable.
 *
 * @param formatVersion the file format, {@link #FORMAT_VERSION}
 * @param app the application and version that wrote it
 * @param createdAt ISO-8601 time of saving
 * @param classes class names in label order
 * @param backbone the backbone the features came from
 * @param preprocessing image preprocessing used for those features
 * @param head the trained layers
 * @param training how it was trained
 * @param metrics test results at training time (may be null for an unevaluated model)
 * @param novelty the "neither" detector's file (may be null for a model without one)
 * @param earlierRuns the runs this model continued from, oldest first (empty for a fresh model)
 */
public record ModelManifest(
        int formatVersion,
        String app,
        String createdAt,
        List<String> classes,
        Backbone backbone,
        Preprocessing preprocessing,
        Head head,
        Training training,
        Metrics metrics,
        Novelty novelty,
        List<Run> earlierRuns) {

    /** Treats a missing run history as empty. */
    public ModelManifest {
        earlierRuns = earlierRuns == null ? List.of() : List.copyOf(earlierRuns);
    }

    /**
     * One finished training run, kept when a model is trained further.
     *
     * @param createdAt when it finished
     * @param training its settings and curves
     * @param metrics its test results
     */
    public record Run(String createdAt, Training training, Metrics metrics) {}

    /**
     * The same manifest with another backbone source (the file it was opened from, in memory).
     *
     * @param source the backbone's source
     * @return the copy
     */
    public ModelManifest withBackboneSource(String source) {
        Backbone b = backbone;
        return new ModelManifest(
                formatVersion,
                app,
                createdAt,
                classes,
                new Backbone(b.kind(), b.name(), source, b.sha256(), b.featureDim(), b.featureLayer()),
                preprocessing,
                head,
                training,
                metrics,
                novelty,
                earlierRuns);
    }

    /** @return every run of this model, oldest first, the latest one last */
    public List<Run> runs() {
        List<Run> all = new java.util.ArrayList<>(earlierRuns);
        all.add(new Run(createdAt, training, metrics));
        return all;
    }

    /** The format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The backbone identity.
     *
     * @param kind resnet50, builtin, onnx, torchscript or tiny
     * @param name display name
     * @param source file path or model-zoo URL
     * @param sha256 checksum of the backbone model
     * @param featureDim feature length
     * @param featureLayer which activations were used: pooled or logits (output in older models: the logits)
     */
    public record Backbone(
            String kind, String name, String source, String sha256, int featureDim, String featureLayer) {}

    /**
     * Preprocessing values.
     *
     * @param resize shorter side after resize
     * @param crop centre crop side
     * @param mean channel means
     * @param std channel standard deviations
     */
    public record Preprocessing(int resize, int crop, float[] mean, float[] std) {}

    /**
     * The head.
     *
     * @param hiddenUnits 0 for linear
     * @param paramsFile the DJL parameter file inside the folder
     * @param paramsSha256 its checksum
     * @param featureMean standardisation means
     * @param featureStd standardisation deviations
     * @param temperature divides the logits before the softmax, fitted on the validation split
     */
    public record Head(
            int hiddenUnits,
            String paramsFile,
            String paramsSha256,
            float[] featureMean,
            float[] featureStd,
            double temperature) {}

    /**
     * The detector of images unlike every class.
     *
     * @param file its file inside the folder
     * @param sha256 the file's checksum
     * @param threshold the distance above which images are flagged
     * @param references how many training vectors it compares against
     */
    public record Novelty(String file, String sha256, double threshold, int references) {}

    /**
     * Training settings and data sizes.
     *
     * @param epochs epochs
     * @param batchSize batch size
     * @param learningRate learning rate
     * @param optimizer optimizer name
     * @param seed seed
     * @param validationFraction validation share
     * @param weightDecay L2 penalty
     * @param dataset the data set folder
     * @param trainImages images trained on (validation included)
     * @param history per-epoch metrics
     * @param earlyStopping whether early stopping was in effect; null in models saved before it existed
     * @param patience its patience (null when off, and in older models)
     * @param epochsRun epochs actually trained ({@code epochs} is the upper bound); null in older models,
     *     which trained all of them
     * @param bestEpoch the epoch with the lowest validation loss; null without validation and in older models
     * @param keptEpoch the epoch whose weights were saved; null in older models (their last epoch)
     */
    public record Training(
            int epochs,
            int batchSize,
            float learningRate,
            String optimizer,
            long seed,
            double validationFraction,
            float weightDecay,
            String dataset,
            int trainImages,
            List<Map<String, Double>> history,
            Boolean earlyStopping,
            Integer patience,
            Integer epochsRun,
            Integer bestEpoch,
            Integer keptEpoch) {

        /**
         * @return the epochs actually trained: {@code epochsRun}, or for a model saved before early
         *     stopping existed, the length of its history (else its epoch setting)
         */
        public int epochsTrained() {
            if (epochsRun != null) {
                return epochsRun;
            }
            return history != null && !history.isEmpty() ? history.size() : epochs;
        }
    }

    /**
     * Test metrics.
     *
     * @param testImages images evaluated
     * @param testAccuracy accuracy
     * @param rocAuc ROC AUC (two classes)
     * @param perClassF1 F1 per class
     * @param eceBeforeCalibration expected calibration error on the test split without temperature scaling
     * @param ece expected calibration error with it
     */
    public record Metrics(
            int testImages,
            Double testAccuracy,
            Double rocAuc,
            Map<String, Double> perClassF1,
            Double eceBeforeCalibration,
            Double ece) {}
}

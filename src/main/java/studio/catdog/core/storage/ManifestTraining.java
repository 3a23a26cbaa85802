package studio.catdog.core.storage;

import java.util.List;
import java.util.Map;

/**
 * The training settings and data sizes recorded in {@code model.json}.
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
public record ManifestTraining(
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

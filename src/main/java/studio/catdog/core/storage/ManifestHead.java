package studio.catdog.core.storage;

/**
 * The trained head recorded in {@code model.json}.
 *
 * @param hiddenUnits 0 for linear
 * @param paramsFile the DJL parameter file inside the folder
 * @param paramsSha256 its checksum
 * @param featureMean standardisation means
 * @param featureStd standardisation deviations
 * @param temperature divides the logits before the softmax, fitted on the validation split
 */
public record ManifestHead(
        int hiddenUnits,
        String paramsFile,
        String paramsSha256,
        float[] featureMean,
        float[] featureStd,
        double temperature) {}

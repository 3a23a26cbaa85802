package studio.catdog.core.service;

import java.nio.file.Path;
import studio.catdog.core.prediction.Prediction;

/**
 * Receives the results of a many-file prediction ({@link ModelService#predictFiles},
 * {@link ModelService#predictFolder}), one call per file, on the engine worker: copy and return.
 */
public interface FileResults {
    /**
     * A file was predicted.
     *
     * @param file the file
     * @param prediction the prediction
     */
    void predicted(Path file, Prediction prediction);

    /**
     * A file could not be predicted.
     *
     * @param file the file
     * @param reason why, in plain words
     */
    void failed(Path file, String reason);
}

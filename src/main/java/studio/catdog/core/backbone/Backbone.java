package studio.catdog.core.backbone;

import studio.catdog.core.image.Preprocessing;

/**
 * A frozen, pretrained feature extractor. Takes preprocessed images (see {@link #preprocessing()})
 * and returns one feature vector per image.
 *
 * @implSpec Implementations create and close all their NDArrays inside {@link #extract}, so nothing
 *     native escapes. The app calls it from one thread (the model service's worker); {@link #extract}
 *     may also be called from several threads at once (a Spark executor's tasks share one backbone),
 *     each call then running with the engine's own threads. Opening and {@link #close} stay on one
 *     thread, with no call in flight.
 */
public interface Backbone extends AutoCloseable {

    /** @return what this backbone is, for cache keys, model files and the UI */
    BackboneInfo info();

    /** @return the preprocessing its inputs need */
    Preprocessing preprocessing();

    /**
     * Computes features for a batch.
     *
     * @param pixels {@code count * preprocessing().tensorSize()} floats, image after image, CHW
     * @param count the number of images in the batch
     * @return {@code count} feature vectors of {@link BackboneInfo#featureDim()} floats
     */
    float[][] extract(float[] pixels, int count);

    /**
     * The batch size that gives this backbone the most images per second on this machine.
     *
     * @return images per {@link #extract} call during feature extraction
     */
    default int preferredBatchSize() {
        return 8;
    }

    /** Frees the model and its native memory. */
    @Override
    void close();
}

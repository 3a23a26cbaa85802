package studio.catdog.core.storage;

/**
 * The preprocessing recorded in {@code model.json}: resize, crop and normalisation values.
 *
 * @param resize shorter side after resize
 * @param crop centre crop side
 * @param mean channel means
 * @param std channel standard deviations
 */
public record ManifestPreprocessing(int resize, int crop, float[] mean, float[] std) {}

package studio.catdog.core.backbone;

/** A batch of preprocessed images. */
record PixelBatch(float[] pixels, int count, int channels, int side) {}

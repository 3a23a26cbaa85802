package studio.catdog.core.backbone;

import studio.catdog.core.image.Preprocessing;

/**
 * A backbone opened from a pinned file, named by its catalogue id: model files and feature caches
 * record {@code resnet50-onnx}, not the file's name, so a head is tied to exactly these weights.
 */
final class PinnedBackbone implements Backbone {

    private final Backbone inner;
    private final BackboneInfo info;

    PinnedBackbone(Backbone inner, PinnedModel model) {
        this.inner = inner;
        BackboneInfo i = inner.info();
        this.info = new BackboneInfo(
                model.id(),
                model.displayName(),
                i.source(),
                i.sha256(),
                i.featureDim(),
                i.featureLayer(),
                i.engine(),
                i.device());
    }

    @Override
    public BackboneInfo info() {
        return info;
    }

    @Override
    public Preprocessing preprocessing() {
        return inner.preprocessing();
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        return inner.extract(pixels, count);
    }

    @Override
    public int preferredBatchSize() {
        return inner.preferredBatchSize();
    }

    @Override
    public void close() {
        inner.close();
    }
}

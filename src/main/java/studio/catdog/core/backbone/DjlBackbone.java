package studio.catdog.core.backbone;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import studio.catdog.core.CatdogException;
import studio.catdog.core.image.Preprocessing;

/** A backbone run by a DJL model (zoo, ONNX, TorchScript or in-code block). */
final class DjlBackbone implements Backbone {

    private final Model model;
    private final Predictor<FeatureTranslator.Batch, float[][]> predictor;
    private final Preprocessing preprocessing;
    private final BackboneInfo info;

    DjlBackbone(Model model, Preprocessing preprocessing, BackboneInfo partialInfo) {
        this.model = model;
        this.preprocessing = preprocessing;
        this.predictor = model.newPredictor(new FeatureTranslator());
        // Probe once with a blank image: this learns the feature size and warms the engine up.
        float[][] probe = run(new float[preprocessing.tensorSize()], 1);
        this.info = new BackboneInfo(partialInfo.kind(), partialInfo.name(), partialInfo.source(),
                partialInfo.sha256(), probe[0].length, partialInfo.featureLayer(), partialInfo.engine(),
                partialInfo.device());
    }

    @Override
    public BackboneInfo info() {
        return info;
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        if (pixels.length < count * preprocessing.tensorSize()) {
            throw new IllegalArgumentException("pixel buffer too small for " + count + " images");
        }
        return run(pixels, count);
    }

    private float[][] run(float[] pixels, int count) {
        try {
            return predictor.predict(new FeatureTranslator.Batch(pixels, count, 3, preprocessing.crop()));
        } catch (TranslateException e) {
            throw new CatdogException("The backbone " + (info == null ? "model" : info.name())
                    + " failed to run: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}

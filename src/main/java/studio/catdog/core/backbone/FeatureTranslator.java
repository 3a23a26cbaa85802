package studio.catdog.core.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/**
 * Feeds a whole preprocessed batch to a model and copies the features out. Every NDArray lives in
 * the predictor context's manager, which DJL closes after each call, so no batch keeps native
 * memory alive (and libtorch reuses the same pages batch after batch).
 */
final class FeatureTranslator implements Translator<FeatureTranslator.Batch, float[][]> {

    /** A batch of preprocessed images. */
    record Batch(float[] pixels, int count, int channels, int side) {}

    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
        int size = batch.channels * batch.side * batch.side * batch.count;
        NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(batch.pixels, 0, size),
                new Shape(batch.count, batch.channels, batch.side, batch.side));
        x.setName("input");
        return new NDList(x);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray out = list.get(0);
        long n = out.getShape().get(0);
        int dim = (int) (out.getShape().size() / n);
        float[] flat = out.toFloatArray();
        float[][] rows = new float[(int) n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
        }
        return rows;
    }

    @Override
    public Batchifier getBatchifier() {
        return null; // the input already is a batch
    }
}

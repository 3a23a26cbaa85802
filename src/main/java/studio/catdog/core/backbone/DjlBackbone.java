package studio.catdog.core.backbone;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.image.Preprocessing;

/** A backbone run by a DJL model (zoo, ONNX, TorchScript or in-code block). */
final class DjlBackbone implements Backbone {

    private final Model model;
    /**
     * Idle predictors, each with its own translator (and staging buffer). Why more than one: a Spark
     * executor shares one backbone between the tasks it runs at once, and a DJL predictor serves one
     * thread at a time; on the app's single engine thread there is only ever the first one.
     */
    private final ConcurrentLinkedDeque<Predictor<PixelBatch, float[][]>> idle = new ConcurrentLinkedDeque<>();

    private final Queue<Predictor<PixelBatch, float[][]>> predictors = new ConcurrentLinkedQueue<>();
    private final Preprocessing preprocessing;
    private final BackboneInfo info;
    /** Largest batch the model accepts: models traced with a fixed batch of 1 take one image at a time. */
    private final int maxBatch;
    /** Batch size for PyTorch models (measured: see BENCHMARKS.md). */
    static final int PYTORCH_BATCH = 8;

    private final int preferredBatch;
    private final Runnable onClose;

    DjlBackbone(Model model, Preprocessing preprocessing, BackboneInfo partialInfo) {
        this(model, preprocessing, partialInfo, PYTORCH_BATCH, () -> {});
    }

    /**
     * @param model the loaded model
     * @param preprocessing its input preprocessing
     * @param partialInfo its description, without the feature size (learnt by a probe)
     * @param preferredBatch the batch size measured fastest for this engine
     * @param onClose frees what the model does not own (e.g. ONNX Runtime session options)
     */
    DjlBackbone(
            Model model, Preprocessing preprocessing, BackboneInfo partialInfo, int preferredBatch, Runnable onClose) {
        this.model = model;
        this.preferredBatch = preferredBatch;
        this.onClose = onClose;
        this.preprocessing = preprocessing;
        idle.add(newPredictor());
        // Probe once with a blank image: this learns the feature size and warms the engine up.
        float[][] probe = run(new float[preprocessing.tensorSize()], 1);
        this.maxBatch = acceptsBatches() ? Integer.MAX_VALUE : 1;
        this.info = new BackboneInfo(
                partialInfo.kind(),
                partialInfo.name(),
                partialInfo.source(),
                partialInfo.sha256(),
                probe[0].length,
                partialInfo.featureLayer(),
                partialInfo.engine(),
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
        if (count <= maxBatch) {
            return run(pixels, count);
        }
        int size = preprocessing.tensorSize();
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] one = Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
            out[i] = run(one, 1)[0];
        }
        return out;
    }

    private boolean acceptsBatches() {
        try {
            float[][] two = run(new float[2 * preprocessing.tensorSize()], 2);
            return two.length == 2;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DjlBackbone.class)
                    .info(
                            "{} only accepts one image per call (traced with a fixed batch): {}",
                            partialName(),
                            e.getMessage());
            return false;
        }
    }

    private String partialName() {
        return info == null ? "the backbone" : info.name();
    }

    private Predictor<PixelBatch, float[][]> newPredictor() {
        Predictor<PixelBatch, float[][]> p = model.newPredictor(new FeatureTranslator());
        predictors.add(p);
        return p;
    }

    private float[][] run(float[] pixels, int count) {
        Predictor<PixelBatch, float[][]> predictor = idle.pollFirst();
        if (predictor == null) {
            predictor = newPredictor();
        }
        try {
            return predictor.predict(new PixelBatch(pixels, count, 3, preprocessing.crop()));
        } catch (TranslateException e) {
            throw new CatdogException(
                    "The backbone " + (info == null ? "model" : info.name()) + " failed to run: " + rootMessage(e), e);
        } finally {
            idle.addFirst(predictor);
        }
    }

    /** The innermost cause's last line: engines put the useful part (e.g. RuntimeError: ...) last. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().strip();
        String[] lines = m.split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.length() > 300 ? last.substring(0, 300) + "…" : last;
    }

    @Override
    public int preferredBatchSize() {
        return Math.min(preferredBatch, maxBatch);
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
        onClose.run();
    }
}

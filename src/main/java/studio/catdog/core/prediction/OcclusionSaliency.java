package studio.catdog.core.prediction;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.model.TrainedHead;

/**
 * Computes {@link Saliency} by hiding overlapping square patches of the preprocessed image (set to the
 * normalised mean, i.e. plain ImageNet grey) and measuring the predicted class's probability drop.
 * {@code GRID x GRID} occluded copies run through the backbone in batches: about 50 forward passes.
 */
public final class OcclusionSaliency {

    /** Cells per side. */
    public static final int GRID = 7;

    private OcclusionSaliency() {}

    /**
     * Explains the prediction for one image.
     *
     * @param backbone the backbone (worker thread)
     * @param head the head
     * @param image the decoded, upright image
     * @param batchSize images per backbone call
     * @return the saliency of the predicted class
     */
    public static Saliency compute(Backbone backbone, TrainedHead head, BufferedImage image, int batchSize) {
        Preprocessing p = backbone.preprocessing();
        float[] base = ImagePreprocessor.toTensor(image, p);
        float[] baseProbabilities = head.probabilities(List.of(backbone.extract(base, 1)[0]))[0];
        int target = Evaluator.argMax(baseProbabilities);
        int crop = p.crop();
        int stride = crop / (GRID + 1);
        int patch = 2 * stride;
        int plane = crop * crop;
        int size = p.tensorSize();
        List<float[]> features = new ArrayList<>(GRID * GRID);
        float[] batch = new float[batchSize * size];
        int inBatch = 0;
        for (int cell = 0; cell < GRID * GRID; cell++) {
            int y0 = (cell / GRID) * stride;
            int x0 = (cell % GRID) * stride;
            System.arraycopy(base, 0, batch, inBatch * size, size);
            for (int c = 0; c < 3; c++) {
                for (int y = y0; y < Math.min(crop, y0 + patch); y++) {
                    int row = inBatch * size + c * plane + y * crop;
                    Arrays.fill(batch, row + x0, row + Math.min(crop, x0 + patch), 0f);
                }
            }
            inBatch++;
            if (inBatch == batchSize || cell == GRID * GRID - 1) {
                float[][] out = backbone.extract(batch, inBatch);
                features.addAll(List.of(out));
                inBatch = 0;
            }
        }
        float[][] occluded = head.probabilities(features);
        float[] heat = new float[GRID * GRID];
        for (int cell = 0; cell < heat.length; cell++) {
            heat[cell] = Math.max(0f, baseProbabilities[target] - occluded[cell][target]);
        }
        return new Saliency(
                GRID,
                heat,
                ImagePreprocessor.cropRegion(image.getWidth(), image.getHeight(), p),
                head.classes().get(target),
                baseProbabilities[target]);
    }
}

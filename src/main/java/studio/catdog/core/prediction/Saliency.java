package studio.catdog.core.prediction;

/**
 * Which parts of an image the answer depends on: a grid over the centre crop the backbone sees, each
 * cell holding how much the predicted class's probability drops when that part is hidden
 * (occlusion sensitivity, Zeiler and Fergus 2014). Honest with a frozen backbone of any format: it
 * only runs the model forward, so it works for ONNX and TorchScript alike, where Grad-CAM would need
 * gradients the engines do not expose.
 *
 * @param grid cells per side
 * @param heat {@code grid * grid} drops in probability (0 when hiding the cell does not hurt), row by row
 * @param cropRegion the crop in the image, {x, y, width, height} as fractions of the image size
 * @param className the class being explained (the predicted one)
 * @param probability that class's probability on the whole image
 */
public record Saliency(int grid, float[] heat, double[] cropRegion, String className, float probability) {

    /** Copies the arrays. */
    public Saliency {
        heat = heat.clone();
        cropRegion = cropRegion.clone();
    }

    @Override
    public float[] heat() {
        return heat.clone();
    }

    @Override
    public double[] cropRegion() {
        return cropRegion.clone();
    }

    /**
     * One cell's value.
     *
     * @param row the row, from the top
     * @param column the column, from the left
     * @return the probability drop when that cell is hidden
     */
    public float at(int row, int column) {
        return heat[row * grid + column];
    }

    /** @return the largest drop, for scaling a colour map */
    public float max() {
        float m = 0;
        for (float v : heat) {
            m = Math.max(m, v);
        }
        return m;
    }
}

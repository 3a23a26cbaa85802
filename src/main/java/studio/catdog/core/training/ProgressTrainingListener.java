package studio.catdog.core.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.Map;
import studio.catdog.core.Eta;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.model.EpochMetrics;

/**
 * Turns DJL's training events into plain {@link TrainingObserver} callbacks (scalars only, never
 * NDArrays) and stops training when the user cancels, by throwing from the batch callback: DJL's
 * {@code EasyTrain.fit} offers no other way to stop.
 */
final class ProgressTrainingListener extends TrainingListenerAdapter {

    private final TrainingObserver observer;
    private final CancellationToken cancel;
    private final int epochs;
    private final int batchesPerEpoch;
    private final boolean hasValidation;

    private int epoch = 1;
    private int batch;
    private double trainLossSum;
    private long trainCorrect;
    private long trainCount;
    private double validationLossSum;
    private long validationCorrect;
    private long validationCount;
    private long epochStart = System.nanoTime();
    private final long runStart = System.nanoTime();

    ProgressTrainingListener(
            TrainingObserver observer,
            CancellationToken cancel,
            int epochs,
            int batchesPerEpoch,
            boolean hasValidation) {
        this.observer = observer;
        this.cancel = cancel;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.hasValidation = hasValidation;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        observer.onPhase(Phase.TRAINING, 0, epochs, Double.NaN);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        double[] lossAndCorrect = measure(trainer, batchData);
        int n = batchData.getBatch().getSize();
        trainLossSum += lossAndCorrect[0] * n;
        trainCorrect += (long) lossAndCorrect[1];
        trainCount += n;
        batch++;
        observer.onBatch(epoch, batch, batchesPerEpoch, lossAndCorrect[0]);
        cancel.throwIfCancelled();
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        double[] lossAndCorrect = measure(trainer, batchData);
        int n = batchData.getBatch().getSize();
        validationLossSum += lossAndCorrect[0] * n;
        validationCorrect += (long) lossAndCorrect[1];
        validationCount += n;
        cancel.throwIfCancelled();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        long now = System.nanoTime();
        EpochMetrics metrics = new EpochMetrics(
                epoch,
                epochs,
                trainLossSum / Math.max(1, trainCount),
                (double) trainCorrect / Math.max(1, trainCount),
                hasValidation ? validationLossSum / Math.max(1, validationCount) : Double.NaN,
                hasValidation ? (double) validationCorrect / Math.max(1, validationCount) : Double.NaN,
                (now - epochStart) / 1e9,
                0); // HeadTrainer's EarlyStopping fills in the best epoch
        observer.onEpoch(metrics);
        observer.onPhase(Phase.TRAINING, epoch, epochs, Eta.secondsLeft((now - runStart) / 1e9, epoch, epochs));
        epoch++;
        batch = 0;
        trainLossSum = 0;
        trainCorrect = 0;
        trainCount = 0;
        validationLossSum = 0;
        validationCorrect = 0;
        validationCount = 0;
        epochStart = now;
        cancel.throwIfCancelled();
    }

    /** Returns {mean loss, number correct} of a batch; the temporary arrays are closed here. */
    private static double[] measure(Trainer trainer, BatchData batchData) {
        double loss = 0;
        long correct = 0;
        int devices = 0;
        for (Map.Entry<Device, NDList> e : batchData.getLabels().entrySet()) {
            NDList labels = e.getValue();
            NDList predictions = batchData.getPredictions().get(e.getKey());
            try (NDArray l = trainer.getLoss().evaluate(labels, predictions);
                    NDArray predicted = predictions.singletonOrThrow().argMax(1);
                    NDArray truth = labels.singletonOrThrow().toType(predicted.getDataType(), false);
                    NDArray hits = predicted.eq(truth);
                    NDArray sum = hits.sum()) {
                loss += l.getFloat();
                correct += sum.toType(DataType.INT64, false).getLong();
            }
            devices++;
        }
        return new double[] {loss / Math.max(1, devices), correct};
    }
}

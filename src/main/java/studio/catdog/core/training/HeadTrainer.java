package studio.catdog.core.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.evaluation.Calibration;
import studio.catdog.core.evaluation.TemperatureChoice;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.NoveltyDetector;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.model.TrainingStop;

/**
 * Trains a new final layer (linear, or one hidden ReLU layer then linear) on cached backbone features
 * with DJL's {@link Trainer}. Features are standardised with the training split's statistics, which
 * are kept with the head so prediction applies exactly the same transform.
 */
public final class HeadTrainer {

    private final Device device;

    /**
     * Creates a trainer.
     *
     * @param device where the head trains (the GPU when there is one)
     */
    public HeadTrainer(Device device) {
        this.device = device;
    }

    /**
     * Builds the head's layers.
     *
     * @param classes number of classes
     * @param hiddenUnits 0 for linear, else the hidden width
     * @return the block
     */
    public static Block headBlock(int classes, int hiddenUnits) {
        SequentialBlock block = new SequentialBlock();
        if (hiddenUnits > 0) {
            block.add(Linear.builder().setUnits(hiddenUnits).build()).add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(classes).build());
        return block;
    }

    /**
     * Trains a head.
     *
     * @param data training features (a validation part is split off per the settings)
     * @param classes class names in label order
     * @param settings the training settings
     * @param observer progress callbacks
     * @param cancel stops training at the next batch when cancelled
     * @return the trained head (the caller closes it)
     * @throws studio.catdog.core.concurrent.CancelledException when cancelled
     */
    public TrainedHead train(
            FeatureSet data,
            List<String> classes,
            TrainingSettings settings,
            TrainingObserver observer,
            CancellationToken cancel) {
        return train(data, classes, settings, observer, cancel, null);
    }

    /**
     * Trains a head, optionally continuing from an earlier one: its weights are the starting point
     * and its feature standardisation is kept, so both runs see the features the same way.
     *
     * @param data training features (a validation part is split off per the settings)
     * @param classes class names in label order
     * @param settings the training settings (the hidden width is taken from {@code startFrom} if given)
     * @param observer progress callbacks
     * @param cancel stops training at the next batch when cancelled
     * @param startFrom the head to continue from, or null to start afresh
     * @return the trained head (the caller closes it; {@code startFrom} is left untouched)
     */
    public TrainedHead train(
            FeatureSet data,
            List<String> classes,
            TrainingSettings settings,
            TrainingObserver observer,
            CancellationToken cancel,
            TrainedHead startFrom) {
        if (startFrom != null) {
            if (!startFrom.classes().equals(classes)) {
                throw new CatdogException("Cannot continue training: the model's classes " + startFrom.classes()
                        + " differ from the data set's " + classes + ".");
            }
            if (!data.features().isEmpty()
                    && startFrom.featureDim() != data.features().get(0).length) {
                throw new CatdogException("Cannot continue training: the model expects " + startFrom.featureDim()
                        + " features per image, the backbone gives "
                        + data.features().get(0).length + ".");
            }
            settings = settings.withHiddenUnits(startFrom.hiddenUnits());
        }
        if (data.size() < 2) {
            throw new CatdogException("Training needs at least 2 usable training images, found " + data.size() + ".");
        }
        int[] labels = data.labels();
        long[] perClass = new long[classes.size()];
        for (int l : labels) {
            perClass[l]++;
        }
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] == 0) {
                throw new CatdogException("The class '" + classes.get(c) + "' has no usable training images.");
            }
        }
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());

        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> valIdx = new ArrayList<>();
        splitValidation(labels, classes.size(), settings, trainIdx, valIdx);

        int dim = data.features().get(0).length;
        float[][] stats = startFrom != null
                ? new float[][] {startFrom.featureMean(), startFrom.featureStd()}
                : standardisation(data.features(), trainIdx, dim);
        float[] mean = stats[0];
        float[] std = stats[1];

        Model model = Model.newInstance("head", device, "PyTorch");
        boolean ok = false;
        try {
            model.setBlock(headBlock(classes.size(), settings.hiddenUnits()));
            if (startFrom != null) {
                copyParameters(startFrom, model, dim);
            }
            int batchSize = Math.min(settings.batchSize(), trainIdx.size());
            int batches = (trainIdx.size() + batchSize - 1) / batchSize;
            List<EpochMetrics> history = Collections.synchronizedList(new ArrayList<>());
            EarlyStopping stopping = new EarlyStopping(settings.patience());
            TrainingObserver recording = new TrainingObserver() {
                @Override
                public void onPhase(Phase phase, int done, int total, double eta) {
                    observer.onPhase(phase, done, total, eta);
                }

                @Override
                public void onBatch(int epoch, int batch, int perEpoch, double loss) {
                    observer.onBatch(epoch, batch, perEpoch, loss);
                }

                @Override
                public void onEpoch(EpochMetrics metrics) {
                    stopping.record(metrics.epoch(), metrics.validationLoss());
                    EpochMetrics withBest = metrics.withBestEpoch(stopping.bestEpoch());
                    history.add(withBest);
                    observer.onEpoch(withBest);
                }
            };
            ProgressTrainingListener listener =
                    new ProgressTrainingListener(recording, cancel, settings.epochs(), batches, !valIdx.isEmpty());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer(settings))
                    .optDevices(new Device[] {device})
                    .addTrainingListeners(listener);
            boolean stopsEarly = settings.earlyStopping() && !valIdx.isEmpty();
            int epochsRun = 0;
            try (Trainer trainer = new HeadStepTrainer(model, config, device);
                    NDManager dataManager = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(1, dim));
                ArrayDataset train =
                        dataset(dataManager, data.features(), labels, trainIdx, mean, std, batchSize, true);
                ArrayDataset validation = valIdx.isEmpty()
                        ? null
                        : dataset(dataManager, data.features(), labels, valIdx, mean, std, batchSize, false);
                // One epoch per call (EasyTrain.fit does exactly this loop), so the run can end between
                // epochs without throwing from a listener.
                byte[] bestParameters = null;
                while (epochsRun < settings.epochs()) {
                    EasyTrain.fit(trainer, 1, train, validation);
                    epochsRun++;
                    if (stopsEarly && stopping.bestEpoch() == epochsRun) {
                        // Copied as bytes on this (the training) thread: no NDArray outlives the epoch.
                        bestParameters = parameterBytes(model);
                    }
                    if (stopsEarly && stopping.shouldStop()) {
                        break;
                    }
                }
                if (bestParameters != null && stopping.bestEpoch() != epochsRun) {
                    loadParameterBytes(model, bestParameters);
                }
            } catch (IOException | TranslateException e) {
                throw new CatdogException("Training failed: " + e.getMessage(), e);
            }
            TrainingStop stop = new TrainingStop(
                    settings.epochs(),
                    epochsRun,
                    stopping.bestEpoch(),
                    stopsEarly ? stopping.bestEpoch() : epochsRun,
                    stopsEarly,
                    settings.patience(),
                    settings.earlyStopping() && valIdx.isEmpty() ? noValidationNote(settings) : "");
            TrainedHead uncalibrated = new TrainedHead(model, classes, mean, std, settings.hiddenUnits(), history);
            double temperature = 1.0;
            TemperatureChoice choice = null;
            if (!valIdx.isEmpty()) {
                List<float[]> valFeatures =
                        valIdx.stream().map(i -> data.features().get(i)).toList();
                int[] valLabels = valIdx.stream().mapToInt(i -> labels[i]).toArray();
                // Used only where it lowers the validation calibration error; otherwise T = 1, and the
                // Calibration workspace says so.
                choice = Calibration.chooseTemperature(uncalibrated.logits(valFeatures), valLabels);
                temperature = choice.temperature();
            }
            NoveltyDetector novelty =
                    NoveltyDetector.fit(data.features(), NoveltyDetector.DEFAULT_QUANTILE, settings.seed());
            ok = true;
            return new TrainedHead(
                            model, classes, mean, std, settings.hiddenUnits(), history, temperature, novelty, stop)
                    .withTemperatureChoice(choice);
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    /** Why early stopping could not work although it was switched on. */
    private static String noValidationNote(TrainingSettings settings) {
        return settings.validationFraction() > 0
                ? "early stopping needs validation images, and the data set is too small to hold any out"
                : "early stopping needs validation images (the validation share is 0)";
    }

    /** The head's parameters as bytes, in DJL's own parameter format. */
    private static byte[] parameterBytes(Model model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new CatdogException("Could not keep the best epoch's weights: " + e.getMessage(), e);
        }
    }

    /** Puts back parameters taken by {@link #parameterBytes}, into the same block. */
    private static void loadParameterBytes(Model model, byte[] parameters) {
        try {
            model.getBlock()
                    .loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
        } catch (IOException | MalformedModelException e) {
            throw new CatdogException("Could not restore the best epoch's weights: " + e.getMessage(), e);
        }
    }

    /** Starts a new head from an earlier head's weights (its own model stays as it is). */
    private static void copyParameters(TrainedHead from, Model to, int dim) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            from.model().getBlock().saveParameters(new DataOutputStream(bytes));
            to.getBlock().initialize(to.getNDManager(), DataType.FLOAT32, new Shape(1, dim));
            to.getBlock()
                    .loadParameters(
                            to.getNDManager(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException | MalformedModelException e) {
            throw new CatdogException("Cannot continue from the earlier model: " + e.getMessage(), e);
        }
    }

    private static Optimizer optimizer(TrainingSettings s) {
        Tracker lr = Tracker.fixed(s.learningRate());
        return switch (s.optimizer()) {
            case ADAM ->
                Optimizer.adam()
                        .optLearningRateTracker(lr)
                        .optWeightDecays(s.weightDecay())
                        .build();
            case SGD ->
                Optimizer.sgd()
                        .setLearningRateTracker(lr)
                        .optMomentum(0.9f)
                        .optWeightDecays(s.weightDecay())
                        .build();
        };
    }

    /** Stratified, seeded hold-out: the same data and seed always give the same split. */
    static void splitValidation(
            int[] labels, int classCount, TrainingSettings s, List<Integer> trainIdx, List<Integer> valIdx) {
        Random random = new Random(s.seed());
        for (int c = 0; c < classCount; c++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ofClass.add(i);
                }
            }
            Collections.shuffle(ofClass, random);
            int val = ofClass.size() < 5 ? 0 : (int) Math.round(ofClass.size() * s.validationFraction());
            valIdx.addAll(ofClass.subList(0, val));
            trainIdx.addAll(ofClass.subList(val, ofClass.size()));
        }
        Collections.sort(trainIdx);
        Collections.sort(valIdx);
    }

    private static float[][] standardisation(List<float[]> features, List<Integer> idx, int dim) {
        double[] sum = new double[dim];
        double[] sq = new double[dim];
        for (int i : idx) {
            float[] f = features.get(i);
            for (int j = 0; j < dim; j++) {
                sum[j] += f[j];
                sq[j] += (double) f[j] * f[j];
            }
        }
        float[] mean = new float[dim];
        float[] std = new float[dim];
        int n = idx.size();
        for (int j = 0; j < dim; j++) {
            double m = sum[j] / n;
            double var = Math.max(0, sq[j] / n - m * m);
            mean[j] = (float) m;
            // A constant feature must not divide by zero; 1e-6 keeps it at (almost) zero.
            std[j] = (float) Math.max(Math.sqrt(var), 1e-6);
        }
        return new float[][] {mean, std};
    }

    private static ArrayDataset dataset(
            NDManager manager,
            List<float[]> features,
            int[] labels,
            List<Integer> idx,
            float[] mean,
            float[] std,
            int batchSize,
            boolean shuffle) {
        int dim = mean.length;
        float[] x = new float[idx.size() * dim];
        float[] y = new float[idx.size()];
        for (int r = 0; r < idx.size(); r++) {
            float[] f = features.get(idx.get(r));
            for (int j = 0; j < dim; j++) {
                x[r * dim + j] = (f[j] - mean[j]) / std[j];
            }
            y[r] = labels[idx.get(r)];
        }
        NDArray data = manager.create(x, new Shape(idx.size(), dim));
        NDArray target = manager.create(y, new Shape(idx.size()));
        return new ArrayDataset.Builder()
                .setData(data)
                .optLabels(target)
                .setSampling(batchSize, shuffle)
                .build();
    }
}

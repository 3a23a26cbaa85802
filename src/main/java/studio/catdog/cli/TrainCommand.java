package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.CatdogException;
import studio.catdog.core.JsonLines;
import studio.catdog.core.ProcessMemory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainingStop;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.training.OptimizerKind;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/** {@code catdog train}: extract features, train the head, evaluate and save. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a classifier on DIR's training images, evaluate it on its test images and save it.")
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Data set folder: training_set/<class>/ and test_set/<class>/, or <class>/ folders.")
    Path data;

    @Option(
            names = "--backbone",
            paramLabel = "resnet50|builtin|ID|FILE",
            defaultValue = "resnet50",
            description =
                    "resnet50 (default: the fastest ResNet50 form for this machine, downloaded once and verified), "
                            + "builtin (MobileNetV2, built in, works offline), resnet50-onnx, resnet50-onnx-int8, "
                            + "resnet50-torchscript, or a local .onnx or .pt model file. See 'catdog backbone list'.")
    String backbone;

    @Option(
            names = "--feature-layer",
            paramLabel = "pooled|logits",
            description = "Train on the backbone's pooled penultimate activations (default, where an ONNX backbone "
                    + "has a pooling node) or on its logits. A continued model keeps its own.")
    String featureLayer = FeatureLayer.DEFAULT.id();

    @Option(names = "--model", required = true, paramLabel = "OUT", description = "Folder to save the model to.")
    Path model;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Most epochs to train; early stopping may end sooner (default: ${DEFAULT-VALUE}).")
    int epochs = TrainingSettings.defaults().epochs();

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = TrainingSettings.defaults().batchSize();

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate = TrainingSettings.defaults().learningRate();

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "Optimizer (default: adam).")
    String optimizer = "adam";

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden layer width; 0 for a linear head (default).")
    int hidden = 0;

    @Option(
            names = "--validation",
            paramLabel = "F",
            description = "Share of training images for validation (default: ${DEFAULT-VALUE}).")
    double validation = TrainingSettings.defaults().validationFraction();

    @Option(
            names = "--patience",
            paramLabel = "N",
            description = "Stop after N epochs without a lower validation loss and keep the best epoch's weights "
                    + "(default: ${DEFAULT-VALUE}).")
    int patience = TrainingSettings.defaults().patience();

    @Option(names = "--no-early-stopping", description = "Train every epoch and keep the last epoch's weights.")
    boolean noEarlyStopping;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = TrainingSettings.defaults().seed();

    @CommandLine.Mixin
    DeviceOptions deviceOptions;

    @Option(
            names = "--continue-from",
            paramLabel = "M",
            description = "Keep improving a saved model: start from its weights and keep its run history.")
    Path continueFrom;

    @Override
    public Integer call() {
        OptimizerKind kind;
        try {
            kind = OptimizerKind.valueOf(optimizer.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CatdogException("Unknown optimizer '" + optimizer + "': use adam or sgd.");
        }
        TrainingSettings settings = new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                kind,
                seed,
                hidden,
                validation,
                TrainingSettings.defaults().weightDecay(),
                FeatureLayer.parse(featureLayer),
                !noEarlyStopping,
                patience);
        BackboneSpec spec = BackboneSpec.parse(backbone);
        ConsoleProgress progress = ConsoleProgress.stderr();
        deviceOptions.apply(progress);
        if (settings.earlyStopping() && !settings.stopsEarly()) {
            progress.message("Early stopping needs validation images and --validation is 0: training all "
                    + settings.epochs() + " epochs (add --no-early-stopping to silence this).");
        }
        try (ModelService service = ModelService.createDefault(deviceOptions.trust())) {
            if (continueFrom != null) {
                service.loadModel(
                                continueFrom,
                                spec.kind() == BackboneSpec.Kind.RESNET50 && "resnet50".equals(backbone) ? null : spec)
                        .await();
                ModelOptions.noticeIfUnsealed(continueFrom, progress);
            }
            Dataset dataset = service.openDataset(data)
                    .onChange(progress.follow("Checking images"))
                    .await();
            progress.message(String.format(
                    Locale.ROOT,
                    "Data set %s: %d classes %s, training %s, test %s, %d skipped, %d duplicate groups, %d leaked "
                            + "into test",
                    dataset.root(),
                    dataset.classes().size(),
                    dataset.classes(),
                    dataset.counts(Split.TRAIN),
                    dataset.counts(Split.TEST),
                    dataset.skipped().size(),
                    dataset.duplicates().size(),
                    dataset.leaked().size()));
            TransferMeter meter = new TransferMeter();
            TrainingOutcome outcome = service.train(
                            dataset,
                            spec,
                            settings,
                            new TrainingObserver() {
                                @Override
                                public void onPhase(Phase phase, int done, int total, double eta) {
                                    switch (phase) {
                                        case LOADING_BACKBONE ->
                                            progress.message("Loading backbone " + spec.text() + " ...");
                                        case DOWNLOADING_BACKBONE ->
                                            progress.transfer(
                                                    "Downloading backbone",
                                                    meter.update((long) done << 10, (long) total << 10));
                                        case EXTRACTING -> progress.update("Extracting features", done, total, eta);
                                        case TRAINING -> progress.update("Training", done, total, eta);
                                        default -> {}
                                    }
                                }

                                @Override
                                public void onEpoch(EpochMetrics m) {
                                    progress.message(String.format(
                                            Locale.ROOT,
                                            "epoch %d/%d  train loss %.4f acc %.4f  validation loss %.4f acc %.4f  "
                                                    + "(%.2fs, RSS %d MB)",
                                            m.epoch(),
                                            m.epochs(),
                                            m.trainLoss(),
                                            m.trainAccuracy(),
                                            m.validationLoss(),
                                            m.validationAccuracy(),
                                            m.seconds(),
                                            ProcessMemory.currentRssMb()));
                                }
                            },
                            continueFrom != null)
                    .await();
            Path saved = service.save(model).await();
            for (SkippedFile s : outcome.skipped()) {
                progress.message("skipped " + s.path() + ": " + s.reason());
            }
            if (outcome.stop() != null) {
                progress.message("Training " + outcome.stop().describe() + ".");
            }
            progress.message(String.format(
                    Locale.ROOT,
                    "Test accuracy %.4f on %d images. Model saved to %s",
                    outcome.testAccuracy(),
                    outcome.testImages(),
                    saved));
            System.out.println(JsonLines.write(summary(outcome, saved)));
            return 0;
        }
    }

    static Map<String, Object> summary(TrainingOutcome o, Path saved) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("testAccuracy", o.testAccuracy());
        json.put("trainImages", o.trainImages());
        json.put("testImages", o.testImages());
        json.put("skippedFiles", o.skipped().size());
        json.put("featureSeconds", round(o.featureSeconds()));
        json.put("featuresFromCache", o.featuresFromCache());
        json.put("trainSeconds", round(o.trainSeconds()));
        TrainingStop stop = o.stop();
        if (stop != null) {
            json.put("epochs", stop.epochLimit());
            json.put("epochsRun", stop.epochsRun());
            json.put("bestEpoch", stop.bestEpoch() == 0 ? null : stop.bestEpoch());
            json.put("keptEpoch", stop.keptEpoch());
            json.put("earlyStopping", stop.earlyStopping());
            json.put("stoppedEarly", stop.stoppedEarly());
            json.put("patience", stop.earlyStopping() ? stop.patience() : null);
        }
        json.put("backbone", o.backbone().name());
        json.put("backboneSha256", o.backbone().sha256());
        json.put("featureLayer", o.backbone().featureLayer());
        json.put("featureDim", o.backbone().featureDim());
        json.put("device", o.device());
        json.put("rocAuc", o.evaluation() == null ? null : o.evaluation().rocAuc());
        if (o.evaluation() != null && o.evaluation().calibration() != null) {
            json.put("temperature", o.evaluation().calibration().temperature());
            json.put("eceBefore", o.evaluation().calibration().eceBefore());
            json.put("eceAfter", o.evaluation().calibration().eceAfter());
            var v = o.evaluation().calibration().validation();
            if (v != null) {
                json.put("temperatureFitted", v.fitted());
                json.put("temperatureKept", v.kept());
                json.put("validationImages", v.images());
                json.put("validationEceBefore", v.eceBefore());
                json.put("validationEceAfter", v.eceAfter());
            }
        }
        json.put("model", saved.toString());
        json.put("peakRssMb", ProcessMemory.peakRssMb());
        json.put("peakHeapMb", ProcessMemory.peakHeapMb());
        return json;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

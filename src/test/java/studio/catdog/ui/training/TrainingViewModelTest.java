package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.model.TrainingStop;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.Await;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

/** The training ViewModel against a real service with the tiny backbone; no JavaFX toolkit. */
class TrainingViewModelTest {

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;

    @BeforeAll
    static void setUp() {
        service = TestServices.service(tmp.resolve("home"));
        data = TestImages.datasetWithMistakes(tmp.resolve("data"), 24, 8);
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    private record Fixture(Session session, AppSettings settings, TrainingViewModel vm) {}

    private Fixture fixture() throws Exception {
        Session session = new Session();
        AppSettings settings = AppSettings.load(tmp.resolve("settings-" + System.nanoTime() + ".properties"));
        CurrentThreadTaskExecutor ex = new CurrentThreadTaskExecutor();
        new BrowserViewModel(service, session, settings, ex).open(data).get(30, TimeUnit.SECONDS);
        TrainingViewModel vm = new TrainingViewModel(service, session, settings, ex);
        vm.backboneProperty().set("tiny");
        return new Fixture(session, settings, vm);
    }

    @Test
    void validatesInputsWithDefaults() throws Exception {
        TrainingViewModel vm = fixture().vm();
        assertThat(vm.epochsProperty().get()).isEqualTo("15");
        assertThat(vm.batchSizeProperty().get()).isEqualTo("32");
        assertThat(vm.learningRateProperty().get()).isEqualTo("0.001");
        assertThat(vm.validationProperty().get()).isNull();
        assertThat(vm.canTrainBinding().get()).isTrue();
        vm.epochsProperty().set("many");
        assertThat(vm.validationProperty().get()).isEqualTo("Epochs must be a whole number.");
        assertThat(vm.canTrainBinding().get()).isFalse();
        vm.epochsProperty().set("0");
        assertThat(vm.validationProperty().get()).contains("epochs must be between 1 and 10000");
        vm.epochsProperty().set("3");
        vm.learningRateProperty().set("-1");
        assertThat(vm.validationProperty().get()).contains("learning rate");
        vm.learningRateProperty().set("0.01");
        vm.batchSizeProperty().set("");
        assertThat(vm.validationProperty().get()).isEqualTo("Batch size must be a whole number.");
        vm.batchSizeProperty().set("8");
        assertThat(vm.validationProperty().get()).isNull();
    }

    @Test
    void earlyStoppingIsOnByDefaultAndItsPatienceIsCheckedOnlyWhileOn() throws Exception {
        TrainingViewModel vm = fixture().vm();
        assertThat(vm.earlyStoppingProperty().get()).isTrue();
        assertThat(vm.patienceProperty().get()).isEqualTo(Integer.toString(TrainingSettings.DEFAULT_PATIENCE));
        vm.patienceProperty().set("soon");
        assertThat(vm.validationProperty().get()).isEqualTo("Patience must be a whole number.");
        vm.patienceProperty().set("0");
        assertThat(vm.validationProperty().get()).contains("patience must be between 1 and 10000");
        vm.earlyStoppingProperty().set(false);
        assertThat(vm.validationProperty().get())
                .as("an unused patience blocks nothing")
                .isNull();
        assertThat(vm.validate().earlyStopping()).isFalse();
        vm.earlyStoppingProperty().set(true);
        vm.patienceProperty().set("2");
        assertThat(vm.validate().patience()).isEqualTo(2);
        assertThat(vm.validate().earlyStopping()).isTrue();
    }

    @Test
    void theBestEpochIsMarkedOnTheChartAndNamedInTheResult() throws Exception {
        TrainingViewModel vm = fixture().vm();
        assertThat(vm.bestEpochProperty().get()).isZero();
        assertThat(vm.bestEpochMarker()).isEmpty();
        assertThat(vm.bestEpochLabelProperty().get()).isEqualTo("Best epoch");
        vm.epochsProperty().set("40");
        vm.batchSizeProperty().set("8");
        vm.learningRateProperty().set("0.05");
        vm.patienceProperty().set("1");
        TrainingOutcome outcome = vm.train().get(60, TimeUnit.SECONDS);

        TrainingStop stop = outcome.stop();
        assertThat(stop.stoppedEarly()).isTrue();
        int best = stop.bestEpoch();
        assertThat(vm.validationLoss()).hasSize(stop.epochsRun());
        // Independent of the trainer: the lowest validation loss on the chart is at the best epoch.
        CurvePoint lowest = vm.validationLoss().stream()
                .min(Comparator.comparingDouble(CurvePoint::y))
                .orElseThrow();
        assertThat(lowest.x()).isEqualTo(best);
        assertThat(vm.bestEpochProperty().get()).isEqualTo(best);
        assertThat(vm.bestEpochLabelProperty().get()).isEqualTo("Best epoch " + best);
        double top = Stream.of(vm.trainLoss(), vm.validationLoss(), vm.validationAccuracy())
                .flatMap(List::stream)
                .mapToDouble(CurvePoint::y)
                .max()
                .orElseThrow();
        assertThat(vm.bestEpochMarker())
                .as("a vertical line across the chart at the best epoch")
                .containsExactly(new CurvePoint(best, 0), new CurvePoint(best, top));
        assertThat(vm.resultProperty().get())
                .endsWith(
                        "Stopped early at epoch " + stop.epochsRun() + " of 40, best epoch " + best + " (patience 1).");
        ModelManifest saved = ModelStore.readManifest(vm.savedToProperty().get());
        assertThat(saved.training().bestEpoch()).isEqualTo(best);
        assertThat(saved.training().epochsRun()).isEqualTo(stop.epochsRun());
        assertThat(saved.metrics().testAccuracy()).isEqualTo(outcome.testAccuracy());
    }

    @Test
    void trainingFillsCurvesSavesAndPublishesTheEvaluation() throws Exception {
        Fixture f = fixture();
        TrainingViewModel vm = f.vm();
        vm.epochsProperty().set("4");
        vm.batchSizeProperty().set("8");
        TrainingOutcome outcome = vm.train().get(60, TimeUnit.SECONDS);

        assertThat(outcome).isNotNull();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.batchLoss()).hasSizeGreaterThanOrEqualTo(4 * 5);
        assertThat(vm.smoothedLoss()).hasSameSizeAs(vm.batchLoss());
        assertThat(vm.validationLoss()).hasSize(4);
        assertThat(vm.validationAccuracy()).hasSize(4);
        assertThat(vm.trainLoss()).hasSize(4);
        assertThat(vm.testAccuracyProperty().get()).isBetween(0.0, 1.0);
        assertThat(vm.resultProperty().get()).startsWith("Test accuracy");
        assertThat(vm.savedToProperty().get()).isNotNull();
        assertThat(vm.savedToProperty().get().resolve("model.json")).isRegularFile();
        ModelManifest saved = ModelStore.readManifest(vm.savedToProperty().get());
        assertThat(saved.classes()).containsExactly("cats", "dogs");
        assertThat(saved.backbone().kind()).isEqualTo("tiny");
        assertThat(saved.training().epochs()).isEqualTo(4);
        assertThat(saved.training().batchSize()).isEqualTo(8);
        assertThat(saved.training().history()).hasSize(4);
        assertThat(saved.metrics().testImages()).isEqualTo(16);
        assertThat(saved.metrics().testAccuracy())
                .isEqualTo(vm.testAccuracyProperty().get());
        assertThat(vm.savedToProperty().get().getParent())
                .isEqualTo(service.paths().modelsDir());
        assertThat(f.settings().lastModel()).contains(vm.savedToProperty().get());
        assertThat(f.settings().backbone()).contains("tiny");
        assertThat(f.session().evaluationProperty().get()).isNotNull();
        assertThat(f.session().modelProperty().get()).isNotNull();
        assertThat(vm.phaseProperty().get()).isEqualTo("Done");
    }

    /**
     * Save as: an empty folder takes the model; a folder holding a model is replaced only when the user
     * confirms (the dialog is asked once, with the folder named); a folder of the user's never.
     */
    @Test
    void saveAsReplacesAModelOnlyWhenConfirmedAndNeverAFolderOfTheUsers() throws Exception {
        Fixture f = fixture();
        TrainingViewModel vm = f.vm();
        vm.epochsProperty().set("2");
        vm.batchSizeProperty().set("8");
        vm.train().get(60, TimeUnit.SECONDS);
        Path empty = Files.createDirectories(tmp.resolve("chosen"));
        List<String> asked = new ArrayList<>();
        assertThat(vm.saveAs(empty, (t, m) -> asked.add(m)).get(30, TimeUnit.SECONDS))
                .isEqualTo(empty);
        assertThat(asked).isEmpty();
        String first = Files.readString(empty.resolve("model.json"));

        assertThat(vm.saveAs(empty, (t, m) -> !asked.add(m)).get(30, TimeUnit.SECONDS))
                .isNull();
        assertThat(asked).singleElement().asString().contains(empty.toString());
        assertThat(f.session().errorProperty().get()).isNull();
        assertThat(empty.resolve("model.json")).hasContent(first);

        assertThat(vm.saveAs(empty, (t, m) -> asked.add(m)).get(30, TimeUnit.SECONDS))
                .isEqualTo(empty);
        assertThat(asked).hasSize(2);
        assertThat(ModelStore.readManifest(empty).classes()).containsExactly("cats", "dogs");

        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.txt"), "years of work");
        assertThat(vm.saveAs(mine, (t, m) -> asked.add(m)).get(30, TimeUnit.SECONDS))
                .isNull();
        assertThat(asked).hasSize(2);
        assertThat(f.session().errorProperty().get()).contains("thesis.txt");
        assertThat(mine.resolve("thesis.txt")).hasContent("years of work");
        assertThat(mine.resolve("model.json")).doesNotExist();
    }

    @Test
    void cancelKeepsThePreviousModel() throws Exception {
        Fixture f = fixture();
        TrainingViewModel vm = f.vm();
        vm.epochsProperty().set("2");
        vm.train().get(60, TimeUnit.SECONDS);
        var before = service.currentModel().orElseThrow();

        vm.epochsProperty().set("5000");
        vm.batchSizeProperty().set("1");
        var run = vm.train();
        // The same-thread executor applies each batch as it arrives; wait for the first ones.
        Await.until(
                "5 training batches",
                Duration.ofSeconds(60),
                () -> vm.batchLoss().size() >= 5);
        int batchesBeforeCancel = vm.batchLoss().size();
        vm.cancel();
        assertThat(run.get(60, TimeUnit.SECONDS)).isNull();
        // Stopped at the next batch: the one in flight, and one more at most when a batch ended
        // between counting and cancelling (not the 5000 epochs asked for).
        assertThat(vm.batchLoss().size())
                .as("batches trained after cancelling")
                .isLessThanOrEqualTo(batchesBeforeCancel + 2);
        assertThat(vm.resultProperty().get()).contains("cancelled").contains("previous model is kept");
        assertThat(service.currentModel()).contains(before);
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aTorchScriptFileIsFlaggedTheFirstTimeOnly() throws Exception {
        Fixture f = fixture();
        Path pt = Files.writeString(tmp.resolve("someone-elses-" + System.nanoTime() + ".pt"), "x");
        f.vm().backboneProperty().set(pt.toString());
        assertThat(f.vm().trustWarningProperty().get()).contains("TorchScript").contains("trust");
        f.vm().backboneProperty().set("tiny");
        assertThat(f.vm().trustWarningProperty().get()).isEmpty();
        f.vm().backboneProperty().set(tmp.resolve("model.onnx").toString());
        assertThat(f.vm().trustWarningProperty().get()).isEmpty();
        f.vm().backboneProperty().set(pt.toString());
        assertThat(f.vm().train().get(30, TimeUnit.SECONDS)).isNull(); // not a real model: fails, but was used
        assertThat(f.settings().torchScriptUsed(pt)).isTrue();
        f.vm().backboneProperty().set("tiny");
        f.vm().backboneProperty().set(pt.toString());
        assertThat(f.vm().trustWarningProperty().get()).isEmpty();
    }

    @Test
    void aMissingBackboneFileIsAValidationErrorNotACrash() throws Exception {
        TrainingViewModel vm = fixture().vm();
        vm.backboneProperty().set(tmp.resolve("nope.onnx").toString());
        assertThat(vm.train().get(5, TimeUnit.SECONDS)).isNull();
        assertThat(vm.validationProperty().get()).contains("does not exist");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void continuingNeedsAModelOnTheSameBackboneAndKeepsTheRunHistory() throws Exception {
        Fixture f = fixture();
        TrainingViewModel vm = f.vm();
        vm.epochsProperty().set("2");
        vm.batchSizeProperty().set("8");
        assertThat(vm.canContinueBinding().get()).isFalse(); // no model in this session yet
        vm.train().get(60, TimeUnit.SECONDS);
        assertThat(vm.canContinueBinding().get()).isTrue();
        vm.backboneProperty().set("resnet50");
        assertThat(vm.canContinueBinding().get()).isFalse();
        vm.backboneProperty().set("tiny");
        int runsBefore = service.currentManifest().orElseThrow().runs().size();

        vm.continueCurrentProperty().set(true);
        vm.train().get(60, TimeUnit.SECONDS);
        assertThat(service.currentManifest().orElseThrow().runs()).hasSize(runsBefore + 1);

        vm.continueCurrentProperty().set(false);
        vm.train().get(60, TimeUnit.SECONDS);
        assertThat(service.currentManifest().orElseThrow().runs()).hasSize(1);
    }
}

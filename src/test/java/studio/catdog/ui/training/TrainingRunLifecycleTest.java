package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.ManualUiExecutor;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

/**
 * The training ViewModel with a hand-driven UI thread: coalescing for real, and (issue 10, defect 5)
 * what the charts show after a run that fails or is cancelled.
 */
class TrainingRunLifecycleTest {

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

    private record Curves(
            List<CurvePoint> train,
            List<CurvePoint> vLoss,
            List<CurvePoint> vAcc,
            List<CurvePoint> batch,
            List<CurvePoint> bestMarker,
            int bestEpoch,
            String bestLabel) {
        static Curves of(TrainingViewModel vm) {
            return new Curves(
                    List.copyOf(vm.trainLoss()),
                    List.copyOf(vm.validationLoss()),
                    List.copyOf(vm.validationAccuracy()),
                    List.copyOf(vm.batchLossShown()),
                    List.copyOf(vm.bestEpochMarker()),
                    vm.bestEpochProperty().get(),
                    vm.bestEpochLabelProperty().get());
        }
    }

    private static TrainingViewModel trainingVm(ManualUiExecutor ui, Session session) throws Exception {
        AppSettings settings = AppSettings.load(tmp.resolve("settings-" + System.nanoTime() + ".properties"));
        CompletableFuture<?> opened = new BrowserViewModel(service, session, settings, ui).open(data);
        ui.pumpUntil("the data set opens", opened::isDone, 30_000);
        TrainingViewModel vm = new TrainingViewModel(service, session, settings, ui);
        vm.backboneProperty().set("tiny");
        vm.epochsProperty().set("4");
        vm.batchSizeProperty().set("8");
        return vm;
    }

    private static <T> T finish(ManualUiExecutor ui, CompletableFuture<T> run) {
        ui.pumpUntil("the run ends", run::isDone, 60_000);
        return run.join();
    }

    @Test
    void trainingEventsReachTheUiCoalescedNotOneTaskPerBatch() throws Exception {
        try (ManualUiExecutor ui = new ManualUiExecutor()) {
            Session session = new Session();
            TrainingViewModel vm = trainingVm(ui, session);
            int postedBefore = ui.posted();
            CompletableFuture<TrainingOutcome> run = vm.train();
            // Nobody pumps: the worker produces every event of the run while the UI thread is busy.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (service.jobs().active().stream().anyMatch(j -> j.title().startsWith("Training"))) {
                assertThat(System.nanoTime()).as("training ends within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(ui.posted() - postedBefore)
                    .as("one pending drain for all the run's events, plus its completion")
                    .isLessThanOrEqualTo(3);
            TrainingOutcome outcome = finish(ui, run);
            assertThat(outcome).isNotNull();
            assertThat(vm.trainLoss()).hasSize(4);
            assertThat(vm.batchLossShown()).hasSizeGreaterThan(4 * 5);
            assertThat(vm.uiUpdates())
                    .as("all events applied in one coalesced update")
                    .isEqualTo(1);
        }
    }

    @Test
    void aFailedRunLeavesTheLastGoodRunsCurvesExactlyAsTheyWere() throws Exception {
        try (ManualUiExecutor ui = new ManualUiExecutor()) {
            Session session = new Session();
            TrainingViewModel vm = trainingVm(ui, session);
            assertThat(finish(ui, vm.train())).isNotNull();
            Curves good = Curves.of(vm);
            assertThat(good.train()).hasSize(4);
            assertThat(good.vAcc()).allSatisfy(p -> assertThat(p.y()).isBetween(0.0, 1.0));

            Path broken = Files.writeString(tmp.resolve("broken-backbone.onnx"), "not an ONNX model");
            vm.backboneProperty().set(broken.toString());
            vm.epochsProperty().set("17");
            assertThat(finish(ui, vm.train())).isNull();

            assertThat(vm.phaseProperty().get()).isEqualTo("Failed");
            assertThat(vm.resultProperty().get()).startsWith("Training failed");
            assertThat(Curves.of(vm)).isEqualTo(good);
        }
    }

    @Test
    void aCancelledRunPutsBackTheCurvesItHadStartedToReplace() throws Exception {
        try (ManualUiExecutor ui = new ManualUiExecutor()) {
            Session session = new Session();
            TrainingViewModel vm = trainingVm(ui, session);
            assertThat(finish(ui, vm.train())).isNotNull();
            Curves good = Curves.of(vm);
            assertThat(good.bestMarker()).hasSize(2);

            vm.epochsProperty().set("200");
            vm.batchSizeProperty().set("16"); // another curve than the first run's
            vm.earlyStoppingProperty().set(false); // so it is still running when cancelled
            CompletableFuture<TrainingOutcome> run = vm.train();
            ui.pumpUntil(
                    "the new run draws its first epoch",
                    () -> !vm.trainLoss().isEmpty()
                            && !vm.trainLoss().get(0).equals(good.train().get(0)),
                    60_000);
            vm.cancel();
            assertThat(finish(ui, run)).isNull();

            assertThat(vm.phaseProperty().get()).isEqualTo("Cancelled");
            assertThat(vm.resultProperty().get()).contains("previous run");
            assertThat(Curves.of(vm)).isEqualTo(good);
        }
    }
}

package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.FxGapMonitor;
import studio.catdog.ui.common.FxTaskExecutor;
import studio.catdog.ui.pages.AppPage;
import studio.catdog.ui.pages.BrowserPage;
import studio.catdog.ui.pages.CalibrationPage;
import studio.catdog.ui.pages.MistakesPage;
import studio.catdog.ui.pages.PredictionPage;
import studio.catdog.ui.pages.TrainingPage;

/**
 * Drives the real window headless (TestFX + Monocle) through page objects, with generated images
 * and the tiny backbone. One model service is shared by the tests; each test gets a fresh window.
 */
@ExtendWith(ApplicationExtension.class)
class CatdogUiTest {

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;

    private FxTaskExecutor executor;
    private UiAssembly ui;
    private final FakeDialogService dialogs = new FakeDialogService();

    @BeforeAll
    static void setUpAll() {
        service = TestServices.service(tmp.resolve("home"));
        data = TestImages.datasetWithMistakes(tmp.resolve("data"), 20, 8);
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        AppSettings settings = AppSettings.load(tmp.resolve("settings-" + System.nanoTime() + ".properties"));
        ui = new UiAssembly(service, executor, settings, dialogs);
        Scene scene = new Scene(ui.createMainView(), 1024, 700);
        CatdogApp.style(scene);
        stage.setScene(scene);
        stage.show();
        ui.mainViewModel().start();
        dialogs.directory = data;
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        ui.close();
        executor.close();
    }

    /** Trains quickly through the ViewModel, for tests about what comes after training. */
    private void trainQuickly(FxRobot robot) throws Exception {
        new BrowserPage(robot).open();
        robot.interact(() -> {
            ui.trainingViewModel().backboneProperty().set("tiny");
            ui.trainingViewModel().epochsProperty().set("8");
            ui.trainingViewModel().batchSizeProperty().set("8");
        });
        var run = WaitForAsyncUtils.asyncFx(() -> ui.trainingViewModel().train())
                .get()
                .get(60, TimeUnit.SECONDS);
        assertThat(run).isNotNull();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firstStartSaysWhatToDoThenOpeningADataSetShowsCounts(FxRobot robot) {
        AppPage app = new AppPage(robot);
        assertThat(app.text("hintLabel")).startsWith("Welcome! Open a data set folder");

        BrowserPage browser = new BrowserPage(robot).open();

        assertThat(browser.counts().getItems())
                .extracting(r -> r.className() + " " + r.train() + " " + r.test())
                .containsExactly("cats 20 8", "dogs 20 8");
        assertThat(browser.grid().getItems()).hasSize(56);
        assertThat(browser.summary()).contains("2 classes, 40 training and 16 test images");
        browser.filterClass("dogs");
        browser.waitFor(5, () -> browser.grid().getItems().size() == 28);
        assertThat(app.text("hintLabel")).startsWith("Next: choose a backbone");
    }

    @Test
    void trainingDrawsTheCurvesAndShowsTheAccuracy(FxRobot robot) {
        new BrowserPage(robot).open();
        TrainingPage training = new TrainingPage(robot).configure("tiny", 6, 4);
        FxGapMonitor monitor = new FxGapMonitor();
        robot.interact(monitor::start);
        long t0 = System.nanoTime();

        training.train();
        training.waitFor(90, () -> training.result().startsWith("Test accuracy"));

        robot.interact(monitor::stop);
        String gap = String.format(
                Locale.ROOT,
                "UI test training: max FX gap %.1f ms over %d frames in %.1f s, %d UI updates",
                monitor.maxGapMillis(),
                monitor.frames(),
                (System.nanoTime() - t0) / 1e9,
                ui.trainingViewModel().uiUpdates());
        System.err.println(gap);
        assertThat(training.lossChart().getData().get(0).getData()).hasSizeGreaterThanOrEqualTo(6 * 9);
        assertThat(training.lossChart().getData().get(1).getData())
                .hasSameSizeAs(training.lossChart().getData().get(0).getData());
        // Early stopping (patience 5) could end a run at epoch 6 at the soonest: all 6 are trained.
        assertThat(training.epochChart().getData().get(2).getData()).hasSize(6);
        assertThat(training.result())
                .matches("Test accuracy \\d+\\.\\d % on 16 test images.*")
                .contains("Trained all 6 epochs, best epoch ");
        // The best epoch's marker: a vertical line on the per-epoch chart, named in the legend.
        XYChart.Series<Number, Number> marker = training.epochChart().getData().get(3);
        assertThat(marker.getName()).matches("Best epoch [1-6]");
        int best = Integer.parseInt(marker.getName().substring("Best epoch ".length()));
        assertThat(training.result()).contains("best epoch " + best);
        assertThat(marker.getData()).extracting(d -> d.getXValue().intValue()).containsExactly(best, best);
        assertThat(marker.getData().get(0).getYValue().doubleValue()).isZero();
        assertThat(marker.getData().get(1).getYValue().doubleValue())
                .as("up to the highest point drawn")
                .isEqualTo(training.epochChart().getData().subList(0, 3).stream()
                        .flatMap(s -> s.getData().stream())
                        .mapToDouble(d -> d.getYValue().doubleValue())
                        .max()
                        .orElseThrow());
        assertThat(marker.getNode()).isNotNull();
        assertThat(marker.getNode().isVisible()).isTrue();
        training.waitFor(10, () -> training.text("savedLabel").startsWith("Saved to "));
        assertThat(new AppPage(robot).text("modelLabel")).contains("Model: ").contains("test accuracy");
        // Far fewer UI updates than batches: callbacks are coalesced.
        assertThat(ui.trainingViewModel().uiUpdates())
                .isLessThan(training.lossChart().getData().get(0).getData().size());
        // The FX gap is a measurement (printed above, reported in BENCHMARKS.md), not a test: that the
        // window answers while training runs is tested by theWindowAnswersWhileTraining….
    }

    @Test
    void theBuiltInBackboneIsAChoiceBesideResNet50AndAFile(FxRobot robot) {
        TrainingPage training = new TrainingPage(robot);
        training.openTab("Training");
        robot.clickOn("#builtinBackbone");
        assertThat(ui.trainingViewModel().backboneProperty().get()).isEqualTo("builtin");
        assertThat(training.<TextField>node("backboneFile").isDisabled()).isTrue();
        robot.clickOn("#zooBackbone");
        assertThat(ui.trainingViewModel().backboneProperty().get())
                .as("the chosen ResNet50 row")
                .startsWith("resnet50");
        // A choice made elsewhere (saved settings) shows on the right button.
        robot.interact(() -> ui.trainingViewModel().backboneProperty().set("builtin"));
        assertThat(training.<RadioButton>node("builtinBackbone").isSelected()).isTrue();
        assertThat(training.<RadioButton>node("builtinBackbone").getText())
                .isEqualTo("MobileNetV2 (built in, works offline)");
    }

    @Test
    void invalidInputDisablesTrainAndSaysWhy(FxRobot robot) {
        new BrowserPage(robot).open();
        TrainingPage training = new TrainingPage(robot).configure("tiny", 3, 8);
        robot.interact(() -> ui.trainingViewModel().learningRateProperty().set("fast"));
        assertThat(training.validation()).isEqualTo("Learning rate must be a number such as 0.001.");
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void theWindowAnswersWhileTrainingAndCancelStopsItKeepingThePreviousModel(FxRobot robot) {
        new BrowserPage(robot).open();
        AppPage app = new AppPage(robot);
        String modelBefore = app.text("modelLabel");
        TrainingPage training = new TrainingPage(robot)
                .configure("tiny", 5000, 1)
                .untilCancelled()
                .train();
        training.waitFor("training batches", 60, () -> training.phase().contains("batch"));

        // While the run goes on (5000 epochs), the window keeps showing progress and answers clicks.
        String phase = training.phase();
        training.waitFor(
                "the progress line to move on", 30, () -> !training.phase().equals(phase));
        app.openTab("Runs");
        assertThat(robot.lookup("#cancelButton").queryButton().isDisabled())
                .as("still training")
                .isFalse();
        app.openTab("Curves");
        // Train and Cancel keep their place while the run's lines change (a line coming and going once moved
        // Cancel from under the pointer between aiming and clicking).
        Button cancel = robot.lookup("#cancelButton").queryButton();
        Set<Double> cancelTops = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            robot.interact(() -> cancelTops.add(cancel.localToScene(0, 0).getY()));
            robot.sleep(25);
        }
        assertThat(cancelTops).as("Cancel's place on screen during the run").hasSize(1);

        training.cancel();
        training.waitFor("the run to end", 60, () -> training.result().contains("cancelled"));
        assertThat(training.result()).isEqualTo("Training was cancelled; the previous model is kept.");
        assertThat(training.phase()).isEqualTo("Cancelled");
        assertThat(app.text("modelLabel")).isEqualTo(modelBefore);
        assertThat(robot.lookup("#trainButton").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#cancelButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void droppingAnImageShowsProbabilitiesAndATextFileIsRefused(FxRobot robot) throws Exception {
        trainQuickly(robot);
        PredictionPage prediction = new PredictionPage(robot, ui.mainView());
        Path cat = TestImages.writeNoisy(tmp.resolve("drop/cat.jpg"), true, new Random(11));
        Path text =
                Files.writeString(Files.createDirectories(tmp.resolve("drop")).resolve("notes.txt"), "hello");

        prediction.drop(cat);
        prediction.waitFor(
                20,
                () -> prediction.cards().size() == 1
                        && !prediction.probabilities(prediction.cards().get(0)).isEmpty());
        var card = prediction.cards().get(0);
        assertThat(prediction.probabilities(card)).hasSize(2).allMatch(p -> p.endsWith(" %"));
        assertThat(prediction.verdict(card)).isIn("cats", "dogs", "not sure");
        assertThat(prediction.refusal()).isEmpty();

        robot.interact(() -> ui.predictionViewModel().thresholdProperty().set(0.99));
        robot.interact(() -> ui.predictionViewModel().thresholdProperty().set(0.5));
        assertThat(prediction.verdict(card)).isIn("cats", "dogs");

        prediction.drop(text);
        prediction.waitFor(10, () -> !prediction.refusal().isEmpty());
        assertThat(prediction.refusal()).contains("notes.txt: not an image file (.txt)");
        assertThat(prediction.cards()).hasSize(1);
    }

    @Test
    void mistakesAreFilteredByAConfusionMatrixCell(FxRobot robot) throws Exception {
        trainQuickly(robot);
        MistakesPage mistakes = new MistakesPage(robot).show();
        assertThat(mistakes.summary()).startsWith("Accuracy").contains("on 16 test images");
        // The data set draws three test dogs orange, like the cats: the model gets them wrong.
        mistakes.clickCell(1, 0);
        assertThat(mistakes.filter()).isEqualTo("Showing true dogs predicted as cats.");
        int wrongDogs = Integer.parseInt(mistakes.text("cell-1-0"));
        assertThat(mistakes.grid().getItems())
                .hasSize(wrongDogs)
                .allMatch(
                        m -> m.trueClass().equals("dogs") && m.predictedClass().equals("cats"));
        assertThat(mistakes.grid().getItems())
                .extracting(m -> m.path().getFileName().toString())
                .contains("dog.0.jpg", "dog.1.png", "dog.2.jpg");
        mistakes.clickCell(1, 0);
        int offDiagonal = Integer.parseInt(mistakes.text("cell-0-1")) + wrongDogs;
        assertThat(mistakes.grid().getItems())
                .hasSize(offDiagonal)
                .isSortedAccordingTo((a, b) -> Double.compare(b.loss(), a.loss()));
        assertThat(mistakes.summary()).contains("— " + offDiagonal + " wrong");
        // The large viewer explains on request too.
        Misclassified shown = mistakes.grid().getItems().get(0);
        robot.interact(() -> ui.mainView().mistakes().open(shown));
        assertThat(mistakes.viewerOpen()).isTrue();
        mistakes.toggleViewerWhy();
        mistakes.waitFor(30, mistakes::viewerHeatShown);
        assertThat(mistakes.viewerOpen()).isTrue(); // pressing Why? does not close the viewer
        mistakes.toggleViewerWhy();
        assertThat(mistakes.viewerHeatShown()).isFalse();
    }

    @Test
    void whyLaysTheExplanationOverTheCardAndTogglesItOff(FxRobot robot) throws Exception {
        trainQuickly(robot);
        PredictionPage prediction = new PredictionPage(robot, ui.mainView());
        prediction.drop(TestImages.writeNoisy(tmp.resolve("why/cat.jpg"), true, new Random(21)));
        prediction.waitFor(
                20,
                () -> prediction.cards().size() == 1
                        && !prediction.probabilities(prediction.cards().get(0)).isEmpty());
        var card = prediction.cards().get(0);
        assertThat(prediction.heatShown(card)).isFalse();

        prediction.toggleWhy(card);
        prediction.waitFor(30, () -> prediction.heatShown(card));
        var item = ui.predictionViewModel().items().get(0);
        assertThat(item.explanationProperty().get().grid()).isEqualTo(7);

        prediction.toggleWhy(card);
        assertThat(prediction.heatShown(card)).isFalse();
        prediction.toggleWhy(card); // shown again at once: explained only once
        assertThat(prediction.heatShown(card)).isTrue();
        // The chip follows the user's threshold on the score the prediction carries.
        double score = item.predictionProperty().get().noveltyScore();
        robot.interact(() -> ui.predictionViewModel().noveltyThresholdProperty().set(score - 0.01));
        assertThat(prediction.flaggedNeither(card)).isTrue();
        robot.interact(() -> ui.predictionViewModel().noveltyThresholdProperty().set(score + 0.01));
        assertThat(prediction.flaggedNeither(card)).isFalse();
    }

    @Test
    void droppingAFolderGivesCardsASummaryAndACsv(FxRobot robot) throws Exception {
        trainQuickly(robot);
        PredictionPage prediction = new PredictionPage(robot, ui.mainView());
        Path folder = tmp.resolve("folder-drop");
        Random rnd = new Random(31);
        for (int i = 0; i < 4; i++) {
            TestImages.writeNoisy(folder.resolve("cats/c" + i + ".jpg"), true, rnd);
            TestImages.writeNoisy(folder.resolve("dogs/d" + i + ".jpg"), false, rnd);
        }
        robot.interact(() -> ui.mainView().tabs().getSelectionModel().select(2));

        prediction.dropOnPane(folder);
        prediction.waitFor(30, () -> prediction.folderStatus().startsWith("Done"));

        assertThat(prediction.cards()).hasSize(8);
        assertThat(prediction.folderSummary())
                .matches("8 images — cats \\d+, dogs \\d+; \\d+ looks? like neither class");
        Path csv = tmp.resolve("folder-drop.csv");
        dialogs.saveTo = csv;
        prediction.exportCsv();
        prediction.waitFor(10, () -> prediction.folderStatus().startsWith("Exported 8 results"));
        assertThat(Files.readAllLines(csv)).hasSize(9);
    }

    @Test
    void movingTheThresholdSliderChangesTheConfusionMatrix(FxRobot robot) throws Exception {
        trainQuickly(robot);
        CalibrationPage calibration = new CalibrationPage(robot).show();
        var report = ui.session().evaluationProperty().get();
        // Four validation images: too few to decide on temperature scaling, and the tab says so.
        assertThat(calibration.calibration())
                .startsWith("Only 4 validation images")
                .contains("Measured on 16 test images");
        assertThat(calibration.cell(0, 0) + calibration.cell(0, 1) + calibration.cell(1, 0) + calibration.cell(1, 1))
                .isEqualTo(16);

        calibration.moveThreshold(0.01);
        int[][] low = confusionCountedHere(report, calibration.threshold());
        assertThat(calibration.cell(0, 1)).isEqualTo(low[0][1]);
        assertThat(calibration.cell(1, 1)).isEqualTo(low[1][1]);
        assertThat(calibration.thresholdText()).contains("\u2265 0.01");

        calibration.moveThreshold(0.99);
        int[][] high = confusionCountedHere(report, calibration.threshold());
        assertThat(calibration.cell(0, 1)).isEqualTo(high[0][1]);
        assertThat(calibration.cell(1, 1)).isEqualTo(high[1][1]);
        assertThat(calibration.cell(1, 0)).isEqualTo(high[1][0]);
        assertThat(calibration.thresholdText()).contains("\u2265 0.99");
        // Stricter for dogs: never more dog answers than at the loosest threshold.
        assertThat(high[0][1] + high[1][1]).isLessThanOrEqualTo(low[0][1] + low[1][1]);
        assertThat(high[0][1] + high[1][1]).isLessThan(16);
    }

    /**
     * The confusion matrix at a threshold, counted here from each test image's label and P(dogs):
     * "answer dogs when P(dogs) ≥ threshold", as the workspace says.
     */
    private static int[][] confusionCountedHere(EvaluationReport report, double threshold) {
        int[][] m = new int[2][2];
        for (int i = 0; i < report.labels().length; i++) {
            m[report.labels()[i]][report.probabilities()[i][1] >= threshold ? 1 : 0]++;
        }
        return m;
    }
}

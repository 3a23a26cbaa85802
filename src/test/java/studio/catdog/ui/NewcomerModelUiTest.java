package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.PopOver;
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
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.Await;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.pages.AppPage;
import studio.catdog.ui.pages.BrowserPage;
import studio.catdog.ui.pages.MistakesPage;
import studio.catdog.ui.pages.PredictionPage;
import studio.catdog.ui.pages.TrainingPage;

/**
 * Issue 20's defects that need a trained model, in the real window: Ctrl+V classifies the clipboard's image but
 * leaves a text field's paste alone, Evaluate says that it ran and its mistakes appear, a click opens a thumbnail,
 * a failed run is not green, Save as asks for a new folder with a save dialog, the Jobs popup closes on Escape, and
 * after a restart the curves, Mistakes and Calibration come back.
 */
@ExtendWith(ApplicationExtension.class)
class NewcomerModelUiTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;
    static Path image;

    private FakeDialogService dialogs;
    private Path settings;
    private AppWindow window;

    @BeforeAll
    static void setUpAll() {
        service = TestServices.service(tmp.resolve("home"));
        data = TestImages.datasetWithMistakes(tmp.resolve("data"), 20, 8);
        image = TestImages.writeNoisy(tmp.resolve("images/cat.png"), true, new Random(3));
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @Start
    void start(Stage stage) {
        dialogs = new FakeDialogService();
        dialogs.directory = data;
        settings = tmp.resolve("settings-" + System.nanoTime() + ".properties");
        window = AppWindow.show(stage, service, dialogs, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    private String selectedTab(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").query();
        return AppWindow.onFx(() -> tabs.getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void ctrlVClassifiesTheClipboardImageButLeavesATextFieldsPasteAlone(FxRobot robot) throws Exception {
        window.openAndTrainTiny(robot);
        PredictionPage prediction = new PredictionPage(robot, window.ui().mainView());
        window.onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(new Image(image.toUri().toString()));
            Clipboard.getSystemClipboard().setContent(content);
        });
        new AppPage(robot).openTab("Data set");

        robot.push(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));

        prediction.waitFor(
                "the pasted image's card", 60, () -> prediction.cards().size() == 1);
        assertThat(selectedTab(robot)).isEqualTo("Prediction");
        window.awaitIdle("classifying the pasted image", LIMIT);

        new AppPage(robot).openTab("Training");
        TextField epochs = robot.lookup("#epochsField").query();
        window.onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("7");
            Clipboard.getSystemClipboard().setContent(content);
            epochs.requestFocus();
            epochs.selectAll();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(AppWindow.onFx(() -> epochs.getText()))
                .as("the text field pasted the text")
                .isEqualTo("7");
        assertThat(selectedTab(robot)).isEqualTo("Training");
        assertThat(AppWindow.onFx(() -> prediction.cards().size())).isEqualTo(1);
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void evaluateSaysThatItRanAndItsMistakesAppearAndOpenOnAClick(FxRobot robot) throws Exception {
        window.openAndTrainTiny(robot);
        MistakesPage mistakes = new MistakesPage(robot).show();
        window.onFx(() -> window.ui().session().evaluationProperty().set(null));
        Label status = robot.lookup("#evaluateStatus").query();
        assertThat(AppWindow.onFx(status::getText)).isEmpty();

        new AppPage(robot).openTab("Data set");
        robot.push(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        window.awaitIdle("Ctrl+E", LIMIT);

        assertThat(selectedTab(robot)).isEqualTo("Mistakes");
        assertThat(AppWindow.onFx(status::getText)).matches("Evaluated at \\d\\d:\\d\\d:\\d\\d\\.");
        List<Node> tiles = AppWindow.onFx(() -> shownTiles(mistakes));
        assertThat(tiles)
                .as("the mistakes are drawn at once, without leaving the tab")
                .isNotEmpty();

        robot.clickOn(tiles.get(0));
        mistakes.waitFor("the large view to open on one click", 10, mistakes::viewerOpen);
        robot.push(KeyCode.ESCAPE);
        mistakes.waitFor("Escape to close it", 10, () -> !mistakes.viewerOpen());

        new AppPage(robot).openTab("Data set");
        BrowserPage browser = new BrowserPage(robot);
        Node thumb = AppWindow.onFx(() -> AppWindow.allNodes(browser.grid()).stream()
                .filter(n -> n instanceof GridCell<?> c && c.getItem() != null && c.isVisible())
                .findFirst()
                .orElseThrow());
        robot.clickOn(thumb);
        browser.waitFor(
                "a thumbnail to open on one click",
                10,
                () -> robot.lookup("#imageViewer").tryQuery().isPresent());
        assertThat(window.takeProblems()).isEmpty();
    }

    private static List<Node> shownTiles(MistakesPage mistakes) {
        return AppWindow.allNodes(mistakes.grid()).stream()
                .filter(n -> n instanceof GridCell<?> c && c.getItem() != null && c.isVisible())
                .toList();
    }

    @Test
    void aFailedRunIsNotGreenAndSaveAsUsesASaveDialog(FxRobot robot) throws Exception {
        window.openAndTrainTiny(robot);
        Label result = robot.lookup("#resultLabel").query();
        assertThat(AppWindow.onFx(() -> result.getStyleClass())).contains("succeeded");

        Path folder = tmp.resolve("saved-by-hand-" + System.nanoTime());
        dialogs.saveFolder = folder;
        window.onFx(() -> ((Button) robot.lookup("#saveAsButton").query()).fire());
        window.awaitIdle("Save as", LIMIT);
        assertThat(folder.resolve("model.json")).isRegularFile();
        assertThat(new AppPage(robot).text("savedLabel")).isEqualTo("Saved to " + folder);

        Path broken = Files.writeString(tmp.resolve("broken-" + System.nanoTime() + ".onnx"), "not a model");
        TrainingPage training = new TrainingPage(robot).configure(broken.toString(), 2, 8);
        training.train();
        training.waitFor("the run to fail", 120, () -> training.phase().equals("Failed"));
        window.awaitIdle("the failed run", LIMIT);
        assertThat(training.result()).contains("failed");
        assertThat(AppWindow.onFx(() -> result.getStyleClass()))
                .as("a failure is never shown in the success colour")
                .contains("failed")
                .doesNotContain("succeeded");
        assertThat(window.takeProblems()).singleElement().asString().contains("Training failed");
    }

    @Test
    void theJobsPopupClosesOnEscape(FxRobot robot) throws Exception {
        new BrowserPage(robot).open();
        TrainingPage training =
                new TrainingPage(robot).configure("tiny", 5000, 1).untilCancelled();
        training.train();
        Button jobs = robot.lookup("#jobsButton").queryAs(Button.class);
        Await.until("a running job", LIMIT, () -> AppWindow.onFx(() -> !jobs.isDisabled()));
        window.onFx(jobs::fire);
        Await.until("the popup to show", LIMIT, () -> AppWindow.onFx(() -> popup() != null));

        robot.push(KeyCode.ESCAPE);

        Await.until("Escape to close the popup", LIMIT, () -> AppWindow.onFx(() -> popup() == null));
        window.onFx(() -> window.ui().trainingViewModel().cancel());
        window.awaitIdle("cancelling", LIMIT);
    }

    private static PopOver popup() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof PopOver && w.isShowing())
                .map(w -> (PopOver) w)
                .findFirst()
                .orElse(null);
    }

    @Test
    void afterARestartTheCurvesMistakesAndCalibrationComeBack(FxRobot robot) throws Exception {
        window.openAndTrainTiny(robot);
        int epochs =
                AppWindow.onFx(() -> window.ui().trainingViewModel().trainLoss().size());
        int mistakes = AppWindow.onFx(() ->
                window.ui().session().evaluationProperty().get().misclassified().size());
        assertThat(service.paths().evaluationCacheDir()).isNotEmptyDirectory();

        // A restart: another service over the same folders, another window over the same settings.
        try (ModelService restarted = TestServices.service(tmp.resolve("home"))) {
            AppWindow second =
                    AppWindow.onFx(() -> AppWindow.show(new Stage(), restarted, new FakeDialogService(), settings));
            try {
                Await.until(
                        "the last model, data set and evaluation to come back",
                        LIMIT,
                        () -> AppWindow.onFx(
                                () -> second.ui().session().evaluationProperty().get() != null));
                second.awaitIdle("restoring", LIMIT);
                assertThat(AppWindow.onFx(() ->
                                second.ui().trainingViewModel().trainLoss().size()))
                        .as("the per-epoch curves, from the model folder")
                        .isEqualTo(epochs)
                        .isPositive();
                assertThat(AppWindow.onFx(() -> second.ui().trainingViewModel().validationLoss()))
                        .isNotEmpty();
                assertThat(AppWindow.onFx(() ->
                                second.ui().mistakesViewModel().shownMistakes().size()))
                        .isEqualTo(mistakes);
                assertThat(AppWindow.onFx(() ->
                                second.ui().mistakesViewModel().statusProperty().get()))
                        .startsWith("Evaluated on ")
                        .contains("kept for this model and data set");
                assertThat(AppWindow.onFx(
                                () -> second.ui().calibrationViewModel().reliabilityAfter()))
                        .isNotEmpty();
                assertThat(second.takeProblems()).isEmpty();
            } finally {
                second.close();
            }
        }
    }
}

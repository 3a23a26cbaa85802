package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.Await;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.pages.BrowserPage;
import studio.catdog.ui.pages.TrainingPage;

/** The status bar names the running job, and its Jobs popup cancels one job with that job's own button. */
@ExtendWith(ApplicationExtension.class)
class JobsPopupUiTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;

    private AppWindow window;

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
        RealPathDialogService dialogs = new RealPathDialogService(tmp.resolve("chosen-" + System.nanoTime()));
        dialogs.dataset = data;
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings-" + System.nanoTime() + ".properties"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    @Test
    void theJobsPopupListsTheRunningTrainingAndItsOwnButtonCancelsIt(FxRobot robot) throws Exception {
        new BrowserPage(robot).open();
        TrainingPage training =
                new TrainingPage(robot).configure("tiny", 5000, 1).untilCancelled();
        training.train();
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        Button jobs = robot.lookup("#jobsButton").queryAs(Button.class);
        Await.until(
                "the status bar names the training job",
                LIMIT,
                () -> AppWindow.onFx(() -> status.getText().startsWith("Training on tiny") && !jobs.isDisabled()));
        assertThat(AppWindow.onFx(jobs::getText)).isEqualTo("Jobs (1)");

        window.onFx(jobs::fire);
        Await.until(
                "the popup shows a cancel button for the job",
                LIMIT,
                () -> AppWindow.onFx(() -> cancelButtonInPopup() != null));
        window.onFx(() -> cancelButtonInPopup().fire());

        Await.until(
                "the training ends as cancelled",
                LIMIT,
                () -> AppWindow.onFx(() -> training.phase().equals("Cancelled")));
        Await.until(
                "the status bar says so",
                LIMIT,
                () -> AppWindow.onFx(() -> status.getText().equals("Training on tiny: cancelled")));
        assertThat(AppWindow.onFx(jobs::getText)).isEqualTo("Jobs (0)");
        assertThat(window.takeProblems()).isEmpty();
    }

    /** The job list lives in a PopOver (its own window), so it is searched in every open window. */
    private static Button cancelButtonInPopup() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() == null || !w.isShowing()) {
                continue;
            }
            for (Node n : AppWindow.allNodes(w.getScene().getRoot())) {
                if (n instanceof Button b
                        && b.getId() != null
                        && b.getId().startsWith("cancel-job-")
                        && b.isVisible()) {
                    return b;
                }
            }
        }
        return null;
    }
}

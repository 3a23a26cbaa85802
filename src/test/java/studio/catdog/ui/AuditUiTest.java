package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
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
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.AuditData;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.pages.AuditPage;
import studio.catdog.ui.pages.BrowserPage;
import studio.catdog.ui.pages.TrainingPage;

/**
 * The data set audit through the window (Monocle): a generated data set with a planted label error
 * and a planted leak is opened, Ctrl+Shift+A audits it with the tiny backbone, and the rows' buttons
 * move the planted image to its suggested class, undo that, keep it, exclude the leaked test copy and
 * undo that from the side panel, while the browser's counts follow and nothing reports an error. Each row's
 * actions are in view without scrolling sideways, at the default size and at 1024x700 (issue 20).
 */
@ExtendWith(ApplicationExtension.class)
class AuditUiTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;

    private AppWindow window;
    private Stage stage;

    @BeforeAll
    static void setUpAll() {
        service = TestServices.service(tmp.resolve("home"));
        data = AuditData.write(tmp.resolve("data"), 12, 4).toAbsolutePath();
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        RealPathDialogService dialogs = new RealPathDialogService(tmp.resolve("chosen-" + System.nanoTime()));
        dialogs.dataset = data;
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings-" + System.nanoTime() + ".properties"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    private int count(FxRobot robot, String cls, boolean train) throws Exception {
        var table = new BrowserPage(robot).counts();
        return AppWindow.onFx(() -> table.getItems().stream()
                .filter(r -> r.className().equals(cls))
                .findFirst()
                .map(r -> train ? r.train() : r.test())
                .orElse(-1));
    }

    private void idle(String after) {
        window.awaitIdle(after, LIMIT);
        assertThat(window.takeProblems()).as("errors after " + after).isEmpty();
    }

    @Test
    void auditsMovesUndoesKeepsAndExcludesThroughTheWindow(FxRobot robot) throws Exception {
        Path planted = data.resolve(AuditData.MISLABELED);
        Path movedTo = data.resolve("training_set/dogs/planted-dog.jpg");
        BrowserPage browser = new BrowserPage(robot).open();
        new TrainingPage(robot).configure("tiny", 3, 8); // the audit uses the Training workspace's backbone
        browser.openTab("Data set");
        AuditPage audit = new AuditPage(robot);
        assertThat(audit.tabTitles()).containsExactly("Images", "Possible label errors", "Near-duplicates");
        assertThat(count(robot, "cats", true)).isEqualTo(13);

        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        idle("auditing (Ctrl+Shift+A)");

        assertThat(audit.selectedTab())
                .as("a finished audit shows its label errors")
                .startsWith("Possible label errors (");
        ListView<?> suspects = audit.suspects();
        assertThat(AppWindow.onFx(() -> suspects.getItems().size())).isPositive();
        Node first = audit.suspectRow(1);
        assertThat(AppWindow.onFx(() -> audit.texts(first)))
                .contains("#1", "planted-dog.jpg", "filed as cats, looks like dogs", "Move to dogs", "Exclude", "Keep");

        assertActionsInView(robot, suspects, first, "moveSuggestedButton", "excludeSuspectButton", "keepSuspectButton");
        resize(1024, 700);
        assertActionsInView(
                robot,
                suspects,
                audit.suspectRow(1),
                "moveSuggestedButton",
                "excludeSuspectButton",
                "keepSuspectButton");

        // Move to the suggested class: the file moves, the row says so, the counts follow.
        audit.click(first, "moveSuggestedButton", 0);
        idle("Move to dogs");
        assertThat(planted).doesNotExist();
        assertThat(movedTo).exists();
        assertThat(AppWindow.onFx(() -> audit.texts(audit.suspectRow(1))))
                .contains("Moved to dogs", "Undo")
                .doesNotContain("Move to dogs", "Keep");
        assertThat(count(robot, "cats", true)).isEqualTo(12);
        assertThat(count(robot, "dogs", true)).isEqualTo(13);
        assertThat(audit.text("changesTitle")).isEqualTo("Recent changes (1)");

        // The row's Undo puts it back.
        audit.click(audit.suspectRow(1), "undoSuspectButton", 0);
        idle("Undo in the row");
        assertThat(planted).exists();
        assertThat(movedTo).doesNotExist();
        assertThat(count(robot, "cats", true)).isEqualTo(13);
        assertThat(audit.text("changesTitle")).isEqualTo("Recent changes (0)");

        // Keep: remembered; the row says so.
        audit.click(audit.suspectRow(1), "keepSuspectButton", 0);
        idle("Keep");
        assertThat(AppWindow.onFx(() -> audit.texts(audit.suspectRow(1)))).contains("Kept as cats");
        assertThat(data.resolve(".catdog/audit.json")).content().contains("planted-dog.jpg");
        assertThat(planted).exists();

        // Near-duplicates: the leak side by side; exclude the test copy, then Undo last in the side panel.
        audit.showTab(2);
        assertThat(audit.selectedTab()).startsWith("Near-duplicates (");
        Node leak = audit.duplicateRow(0);
        assertThat(AppWindow.onFx(() -> audit.texts(leak)))
                .contains("cat.3.jpg", "cat.3-resized.png")
                .anyMatch(t -> t.startsWith("Leaked into test"));
        assertActionsInView(robot, audit.duplicates(), leak, "keepDuplicatesButton", "excludeDuplicateButton");
        resize(1180, 780);
        assertActionsInView(
                robot, audit.duplicates(), audit.duplicateRow(0), "keepDuplicatesButton", "excludeDuplicateButton");
        int testCats = count(robot, "cats", false);
        audit.click(audit.duplicateRow(0), "excludeDuplicateButton", 1);
        idle("Exclude the test copy");
        assertThat(data.resolve(AuditData.LEAK_COPY)).doesNotExist();
        assertThat(data.resolve("excluded").resolve(AuditData.LEAK_COPY)).exists();
        assertThat(count(robot, "cats", false)).isEqualTo(testCats - 1);
        assertThat(AppWindow.onFx(() -> audit.texts(audit.duplicateRow(0)))).contains("Excluded (in excluded/)");

        robot.clickOn("#undoLastButton");
        idle("Undo last");
        assertThat(data.resolve(AuditData.LEAK_COPY)).exists();
        assertThat(count(robot, "cats", false)).isEqualTo(testCats);
        assertThat(audit.text("changesTitle")).isEqualTo("Recent changes (1)"); // the keep stays
    }

    private void resize(double width, double height) throws Exception {
        AppWindow.onFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every shown button with one of these ids lies inside the list's width: no sideways scrolling to reach it. */
    private static void assertActionsInView(FxRobot robot, ListView<?> list, Node row, String... ids) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : ids) {
            List<String> outside = AppWindow.onFx(() -> {
                Bounds view = list.localToScene(list.getLayoutBounds());
                List<ButtonBase> shown = robot.from(row).lookup("#" + id).<ButtonBase>queryAll().stream()
                        .filter(Node::isVisible)
                        .toList();
                if (shown.isEmpty()) {
                    return List.of(id + " is not shown");
                }
                return shown.stream()
                        .map(b -> b.localToScene(b.getLayoutBounds()))
                        .filter(b -> b.getMinX() < view.getMinX() || b.getMaxX() > view.getMaxX())
                        .map(b -> id + " at x " + b.getMinX() + ".." + b.getMaxX() + " outside " + view.getMinX() + ".."
                                + view.getMaxX())
                        .toList();
            });
            assertThat(outside)
                    .as(
                            "%s in view in a %s x %s window",
                            id, list.getScene().getWidth(), list.getScene().getHeight())
                    .isEmpty();
        }
    }
}

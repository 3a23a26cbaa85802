package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Text;
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
import studio.catdog.testing.Await;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.help.Shortcut;
import studio.catdog.ui.pages.AppPage;
import studio.catdog.ui.pages.BrowserPage;

/**
 * Issue 20, the newcomer's first minutes, in the real window at 1024x700 (the app's smallest size) without a model:
 * the first-start backbone and its ResNet50 offer, Train in view with and without the welcome banner, Ctrl+1..5,
 * the Help window (F1, shortcuts, About, the log folder), the status bar's segments, the empty charts' axes and
 * the keyboard focus ring on every control Tab reaches.
 */
@ExtendWith(ApplicationExtension.class)
class NewcomerUiTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;

    private FakeDialogService dialogs;
    private AppWindow window;
    private Stage stage;

    @BeforeAll
    static void setUpAll() {
        service = TestServices.service(tmp.resolve("home"));
        data = TestImages.datasetWithMistakes(tmp.resolve("data"), 8, 4);
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dialogs = new FakeDialogService();
        dialogs.directory = data;
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings-" + System.nanoTime() + ".properties"));
        stage.setWidth(1024);
        stage.setHeight(700);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    @Test
    void theFirstStartTrainsTheBuiltInBackboneAndOffersResNet50InOneClick(FxRobot robot) throws Exception {
        AppPage app = new AppPage(robot);
        app.openTab("Training");
        app.waitFor(
                "the pinned list to be read",
                20,
                () -> !window.ui().backboneChoiceViewModel().rows().isEmpty());
        assertThat(AppWindow.onFx(
                        () -> window.ui().trainingViewModel().backboneProperty().get()))
                .as("nothing is downloaded in a fresh home, so the first Train works offline")
                .isEqualTo("builtin");
        assertThat(AppWindow.onFx(() -> app.<RadioButton>node("builtinBackbone").isSelected()))
                .isTrue();
        Button offer = app.node("getResNet50Button");
        assertThat(AppWindow.onFx(offer::isVisible)).isTrue();
        assertThat(AppWindow.onFx(offer::getText))
                .as("the form resnet50 stands for on a CPU is the 25.8 MB int8 file")
                .isEqualTo("Get ResNet50 (25.8 MB, more accurate)");
        assertThat(AppWindow.onFx(() -> offer.getTooltip().getText())).contains("ImageNet");
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void theBackboneRowsAreWholeInTheNarrowTrainingPane(FxRobot robot) throws Exception {
        AppPage app = new AppPage(robot);
        app.openTab("Training");
        app.waitFor(
                "the pinned list to be read",
                20,
                () -> !window.ui().backboneChoiceViewModel().rows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = app.node("backboneList");
        List<String> cut = AppWindow.onFx(() -> AppWindow.allNodes(list).stream()
                .filter(n -> n instanceof Label l
                        && l.isVisible()
                        && l.getText() != null
                        && !l.getText().isEmpty())
                .map(n -> (Label) n)
                .filter(l -> {
                    Text drawn = (Text) l.lookup(".text");
                    return drawn == null || !drawn.getText().replace("\n", " ").equals(l.getText());
                })
                .map(Label::getText)
                .toList());
        assertThat(cut).as("backbone rows drawn cut").isEmpty();
        List<Node> sideways = AppWindow.onFx(() -> AppWindow.allNodes(list).stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible())
                .toList());
        assertThat(sideways).as("a sideways scroll bar").isEmpty();
    }

    @Test
    void trainIsInViewAt1024x700WithTheWelcomeBannerAndWithout(FxRobot robot) throws Exception {
        AppPage app = new AppPage(robot);
        app.openTab("Training");
        WaitForAsyncUtils.waitForFxEvents();
        Label banner = app.node("hintLabel");
        assertThat(AppWindow.onFx(banner::isVisible))
                .as("the welcome banner shows")
                .isTrue();
        assertInView(app.node("trainButton"));
        assertInView(app.node("cancelButton"));
        assertInView(app.node("saveAsButton"));

        new BrowserPage(robot).open();
        app.openTab("Training");
        app.waitFor(
                "the banner to say what is next", 10, () -> !banner.getText().startsWith("Welcome"));
        assertInView(app.node("trainButton"));
        window.onFx(() -> window.ui().session().datasetProperty().set(null));
        assertInView(app.node("trainButton"));
    }

    /** The node is drawn inside the window and not in a scrolled-away part of a scroll pane. */
    private void assertInView(Node node) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        String where = AppWindow.onFx(() -> {
            Bounds b = node.localToScene(node.getBoundsInLocal());
            Scene scene = node.getScene();
            if (!node.isVisible() || b.getMaxY() > scene.getHeight() || b.getMaxX() > scene.getWidth()) {
                return node.getId() + " at " + b + " in a scene of " + scene.getWidth() + "x" + scene.getHeight();
            }
            for (Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane pane) {
                    Bounds view = pane.localToScene(pane.getLayoutBounds());
                    if (b.getMaxY() > view.getMaxY() || b.getMinY() < view.getMinY()) {
                        return node.getId() + " at " + b + " is scrolled out of " + view;
                    }
                }
            }
            return "";
        });
        assertThat(where).as("%s in view", node.getId()).isEmpty();
    }

    @Test
    void ctrl1To5SwitchWorkspacesAndTheViewMenuShowsThem(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").query();
        String[] names = {"Data set", "Training", "Prediction", "Mistakes", "Calibration"};
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = digits.length - 1; i >= 0; i--) {
            robot.push(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(AppWindow.onFx(
                            () -> tabs.getSelectionModel().getSelectedItem().getText()))
                    .as("Ctrl+%d", i + 1)
                    .isEqualTo(names[i]);
        }
        MenuBar bar = robot.lookup("#menuBar").query();
        Menu view = bar.getMenus().stream()
                .filter(m -> m.getText().equals("_View"))
                .findFirst()
                .orElseThrow();
        List<String> keys = AppWindow.onFx(() -> view.getItems().stream()
                .map(item -> item.getAccelerator().getDisplayText())
                .toList());
        String shortcut =
                AppWindow.onFx(() -> new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN).getDisplayText());
        String modifier = shortcut.substring(0, shortcut.length() - 1); // "Ctrl+" (or the Mac's command key)
        assertThat(keys)
                .containsExactly(modifier + "1", modifier + "2", modifier + "3", modifier + "4", modifier + "5");
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void f1OpensGettingStartedWithTheStepsTheShortcutsAndWhereFilesLive(FxRobot robot) throws Exception {
        robot.push(KeyCode.F1);
        Stage help = helpWindow(robot);
        AppPage app = new AppPage(robot);
        assertThat(AppWindow.onFx(() -> ((TabPane) help.getScene().lookup("#helpTabs"))
                        .getSelectionModel()
                        .getSelectedItem()
                        .getText()))
                .isEqualTo("Getting started");
        String page = AppWindow.onFx(() -> texts(help.getScene().getRoot()));
        assertThat(page)
                .contains("1. Get a data set.")
                .contains("2. Train.")
                .contains("3. Use it.")
                .contains("File › Get sample data set…")
                .contains("Help › Getting started")
                .contains(service.paths().modelsDir().toString())
                .contains(service.paths().logDir().toString());
        List<Shortcut> shortcuts = AppWindow.onFx(
                () -> List.copyOf(window.ui().mainViewModel().help().shortcuts()));
        Map<String, String> byAction =
                shortcuts.stream().collect(Collectors.toMap(Shortcut::action, Shortcut::keys, (a, b) -> a));
        assertThat(byAction).containsKeys("View › Data set", "Model › Classify pasted image", "Help › Getting started");
        assertThat(byAction.get("Model › Classify pasted image")).endsWith("+V").doesNotContain("Shift");
        assertThat(byAction.get("Help › Getting started")).isEqualTo("F1");
        assertThat(byAction.values()).noneMatch(k -> k.contains("DIGIT"));

        robot.push(KeyCode.ESCAPE);
        Await.until("Escape to close the Help window", LIMIT, () -> AppWindow.onFx(() -> !help.isShowing()));
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void aboutNamesTheVersionTheLicenceTheBuiltInModelAndTheThirdParties(FxRobot robot) throws Exception {
        fireMenuItem(robot, "aboutItem");
        Stage help = helpWindow(robot);
        assertThat(AppWindow.onFx(() -> ((TabPane) help.getScene().lookup("#helpTabs"))
                        .getSelectionModel()
                        .getSelectedItem()
                        .getText()))
                .isEqualTo("About");
        String about = AppWindow.onFx(() -> texts(help.getScene().getRoot()));
        assertThat(about)
                .containsPattern("Version \\d+\\.\\d+")
                .contains("Licence")
                .contains("LICENSE");
        String notice = AppWindow.onFx(() -> ((TextArea) help.getScene().lookup("#noticeText")).getText());
        assertThat(notice).contains("MobileNetV2").contains("Apache License");
        TableView<?> thirdParty =
                AppWindow.onFx(() -> (TableView<?>) help.getScene().lookup("#thirdPartyTable"));
        assertThat(AppWindow.onFx(() -> thirdParty.getItems().size())).isGreaterThan(10);

        window.onFx(() -> ((Button) help.getScene().lookup("#logFolderButton")).fire());
        assertThat(dialogs.shownFolders).containsExactly(service.paths().logDir());
        assertThat(service.paths().logDir()).isDirectory();
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void theStatusBarSegmentsKeepAMinimumWidthAndShowTheirWholeTextInATooltip(FxRobot robot) throws Exception {
        // The Training pane has a deviceLabel of its own: the status bar's are looked up inside it.
        Label status = (Label) window.root().lookup(".status-bar #statusLabel");
        Label model = (Label) window.root().lookup(".status-bar #modelLabel");
        Label device = (Label) window.root().lookup(".status-bar #deviceLabel");
        Button jobs = robot.lookup("#jobsButton").query();
        window.onFx(() -> {
            window.ui().session().deviceProperty().set("CPU (OnnxRuntime, 2 cores, a very long description here)");
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (Label l : List.of(status, model, device)) {
            assertThat(AppWindow.onFx(l::getWidth)).as("%s width", l.getId()).isGreaterThanOrEqualTo(l.getMinWidth());
            assertThat(AppWindow.onFx(() -> l.getTooltip().getText())).isEqualTo(AppWindow.onFx(l::getText));
        }
        assertThat(AppWindow.onFx(jobs::getWidth))
                .as("the Jobs button is never cut to 'Job…'")
                .isGreaterThanOrEqualTo(AppWindow.onFx(() -> jobs.prefWidth(-1)) - 0.5);
    }

    @Test
    void theRunsTablesHeadersAreWholeAt1024x700(FxRobot robot) throws Exception {
        new AppPage(robot).openTab("Training");
        TabPane trainingTabs = robot.lookup("#trainingTabs").query();
        window.onFx(() -> trainingTabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> runs = robot.lookup("#runsTable").query();
        List<Label> headers = AppWindow.onFx(() -> AppWindow.allNodes(runs).stream()
                .filter(n -> n instanceof Label l && l.getStyleClass().contains("wrapped-header"))
                .map(n -> (Label) n)
                .toList());
        List<String> cut = AppWindow.onFx(() -> headers.stream()
                .filter(l -> {
                    Text drawn = (Text) l.lookup(".text");
                    return drawn == null || !drawn.getText().replace("\n", " ").equals(l.getText());
                })
                .map(Label::getText)
                .toList());
        assertThat(headers).hasSize(AppWindow.onFx(() -> runs.getColumns().size()));
        assertThat(cut).as("headers drawn cut ('Learning…')").isEmpty();
    }

    @Test
    void theDataSetProblemsWhyIsWrappedNotCutAt1024x700(FxRobot robot) throws Exception {
        Path broken = TestImages.datasetWithMistakes(tmp.resolve("broken-data"), 4, 2);
        Files.writeString(broken.resolve("training_set/cats/not-really-a-photo.jpg"), "these are words, not a JPEG");
        dialogs.directory = broken;
        new BrowserPage(robot).open();
        window.awaitIdle("opening a data set with a broken file", LIMIT);
        TableView<?> issues = robot.lookup("#issuesTable").query();
        assertThat(AppWindow.onFx(() -> issues.getItems().size())).isPositive();
        List<String> whys = AppWindow.onFx(() -> AppWindow.allNodes(issues).stream()
                .filter(n -> n instanceof TableCell<?, ?> c
                        && c.getTableColumn()
                                == issues.getColumns().get(issues.getColumns().size() - 1)
                        && c.getItem() != null)
                .map(n -> {
                    TableCell<?, ?> cell = (TableCell<?, ?>) n;
                    String text = String.valueOf(cell.getItem());
                    List<String> drawn = AppWindow.allNodes(cell).stream()
                            .filter(t -> t instanceof Text && t.isVisible())
                            // Drawn inside the cell, not below its bottom edge (a row that did not grow).
                            .filter(t -> cell.sceneToLocal(t.localToScene(t.getBoundsInLocal()))
                                            .getMaxY()
                                    <= cell.getHeight() + 1)
                            .map(t -> ((Text) t).getText())
                            .filter(t -> t != null && !t.isEmpty())
                            .toList();
                    boolean whole = drawn.size() == 1
                            && drawn.get(0).replace("\n", " ").equals(text)
                            && cell.getTooltip() != null
                            && text.equals(cell.getTooltip().getText());
                    return (whole ? "whole, with a tooltip: " : "cut or without a tooltip: ") + text + " (drawn: "
                            + drawn + ", tooltip: "
                            + (cell.getTooltip() == null
                                    ? null
                                    : cell.getTooltip().getText()) + ")";
                })
                .toList());
        assertThat(whys).isNotEmpty().allMatch(w -> w.startsWith("whole, with a tooltip: "), "drawn whole");
    }

    @Test
    void emptyChartsShowTheRunsEpochsAndZeroToOneNotADefaultRange(FxRobot robot) throws Exception {
        new AppPage(robot).openTab("Training");
        for (String id : List.of("lossChart", "epochChart")) {
            LineChart<?, ?> chart = robot.lookup("#" + id).query();
            NumberAxis x = (NumberAxis) chart.getXAxis();
            NumberAxis y = (NumberAxis) chart.getYAxis();
            assertThat(AppWindow.onFx(x::getUpperBound)).as("%s epochs", id).isEqualTo(15.0);
            assertThat(AppWindow.onFx(y::getUpperBound)).as("%s values", id).isEqualTo(1.0);
        }
        assertThat(new AppPage(robot).text("lossChartNote")).startsWith("Press Train");
    }

    @Test
    void tabReachesEveryControlOfEveryWorkspaceWithAVisibleFocusRing(FxRobot robot) throws Exception {
        new BrowserPage(robot).open();
        window.awaitIdle("opening the data set", LIMIT);
        TabPane tabs = robot.lookup("#tabs").query();
        List<String> withoutRing = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int index = t;
            window.onFx(() -> tabs.getSelectionModel().select(index));
            WaitForAsyncUtils.waitForFxEvents();
            window.onFx(tabs::requestFocus);
            WaitForAsyncUtils.waitForFxEvents();
            List<String> visited = new ArrayList<>();
            Set<Node> seen = new HashSet<>();
            Node current = AppWindow.onFx(() -> stage.getScene().getFocusOwner());
            String workspace = AppWindow.onFx(
                    () -> tabs.getSelectionModel().getSelectedItem().getText());
            for (int i = 0; i < 60 && seen.add(current); i++) {
                WritableImage focused = snapshot(current);
                robot.push(KeyCode.TAB);
                WaitForAsyncUtils.waitForFxEvents();
                Node next = AppWindow.onFx(() -> stage.getScene().getFocusOwner());
                WritableImage unfocused = snapshot(current);
                visited.add(describe(current));
                if (sameImage(focused, unfocused)) {
                    withoutRing.add(workspace + ": " + describe(current));
                }
                current = next;
            }
            System.err.println("Tab order in " + workspace + ": " + visited);
            assertThat(visited).as("Tab order in %s", workspace).contains("TabPane#tabs");
        }
        assertThat(withoutRing)
                .as("controls that look the same focused and not")
                .isEmpty();
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }

    private static WritableImage snapshot(Node n) throws Exception {
        return AppWindow.onFx(() -> n.snapshot(null, null));
    }

    private static boolean sameImage(WritableImage a, WritableImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void fireMenuItem(FxRobot robot, String id) throws Exception {
        MenuBar bar = robot.lookup("#menuBar").query();
        window.onFx(() -> bar.getMenus().stream()
                .flatMap(m -> m.getItems().stream())
                .filter(item -> id.equals(item.getId()))
                .findFirst()
                .map(item -> {
                    item.fire();
                    return item;
                })
                .orElseThrow(() -> new AssertionError("no menu item " + id)));
    }

    private Stage helpWindow(FxRobot robot) throws Exception {
        Await.until(
                "the Help window to show",
                LIMIT,
                () -> AppWindow.onFx(() -> window.ui().mainView().helpWindow() != null
                        && window.ui().mainView().helpWindow().isShowing()));
        return AppWindow.onFx(() -> window.ui().mainView().helpWindow());
    }

    /** Every text of a window's labels, buttons and tabs, one per line. */
    private static String texts(Parent root) {
        StringBuilder b = new StringBuilder();
        for (Node n : AppWindow.allNodes(root)) {
            if (n instanceof Labeled l && l.getText() != null) {
                b.append(l.getText()).append('\n');
            }
        }
        return b.toString();
    }
}

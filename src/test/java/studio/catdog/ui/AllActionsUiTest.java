package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.AuditData;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;

/**
 * Fires every action of the window, found in the scene graph rather than listed here, so an action
 * added later is fired too: every item of the menu bar, and every button of every workspace (its
 * toolbars and its other buttons, in each of its inner tabs). The window starts realistic: a data set
 * of generated images is open and a model is trained on it with the tiny backbone; choosers are
 * answered with real paths ({@link RealPathDialogService}) and the clipboard holds an image.
 *
 * <p>Actions that are only available while work runs (Cancel) are fired right after an action that
 * makes them available, in the same turn of the UI thread. After each action the test waits until the window is idle
 * and collects what went wrong: an error
 * banner, an "Unexpected error" in the status bar, an exception on the UI thread, a failure written
 * elsewhere ("… failed: …", "cannot classify"), a chooser the double could not answer. It reports
 * every broken action together, by name, and prints the actions it fired and those it could not.
 */
@ExtendWith(ApplicationExtension.class)
class AllActionsUiTest {

    /**
     * Menu items left out: the one that quits (it would close the window under test). Matched on the
     * item's text without its mnemonic.
     */
    private static final Pattern QUITS = Pattern.compile("Quit|Exit|Close window", Pattern.CASE_INSENSITIVE);
    /** Fewer fired actions than this means the enumeration found nothing and the test proves nothing. */
    private static final int AT_LEAST = 20;

    private static final Duration IDLE_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path tmp;

    static ModelService service;
    static Path data;
    static Path imageFolder;
    static Path backbone;
    static List<Path> images;

    private RealPathDialogService dialogs;
    private AppWindow window;

    @BeforeAll
    static void setUpAll() throws IOException {
        service = TestServices.service(tmp.resolve("home"));
        data = TestImages.datasetWithMistakes(tmp.resolve("data"), 20, 8);
        Random rnd = new Random(17);
        // A blue "dog" filed as a cat and a training picture resized into the test set, so the audit
        // finds something and its rows' actions (move, exclude, keep, undo) are fired too.
        TestImages.writeNoisy(data.resolve(AuditData.MISLABELED), false, rnd);
        AuditData.plantLeak(data);
        images = List.of(
                TestImages.writeNoisy(tmp.resolve("images/cat.jpg"), true, rnd),
                TestImages.writeNoisy(tmp.resolve("images/dog.png"), false, rnd));
        imageFolder = tmp.resolve("folder");
        for (int i = 0; i < 3; i++) {
            TestImages.writeNoisy(imageFolder.resolve("cats/c" + i + ".jpg"), true, rnd);
            TestImages.writeNoisy(imageFolder.resolve("dogs/d" + i + ".jpg"), false, rnd);
        }
        backbone = TinyOnnx.write(tmp.resolve("tiny-backbone.onnx"), 3);
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @Start
    void start(Stage stage) {
        dialogs = new RealPathDialogService(tmp.resolve("chosen-" + System.nanoTime()));
        dialogs.dataset = data;
        dialogs.images = images;
        dialogs.imageFolder = imageFolder;
        dialogs.backbone = backbone;
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings-" + System.nanoTime() + ".properties"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    /** One thing a user can trigger: a menu item or a button. */
    private record Action(String key, String name, Object control, Tab tab, Tab innerTab) {

        /** Whether the user can trigger it now (UI thread). */
        boolean available(Node surface) {
            if (control instanceof MenuItem item) {
                for (MenuItem m = item; m != null; m = m.getParentMenu()) {
                    if (m.isDisable() || !m.isVisible()) {
                        return false;
                    }
                }
                return true;
            }
            ButtonBase b = (ButtonBase) control;
            if (b.isDisabled()) {
                return false;
            }
            // Shown within its workspace (the tab pane hides the workspaces not selected).
            for (Node n = b; n != null && n != surface; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        }

        void fire() {
            if (control instanceof MenuItem item) {
                item.fire();
            } else {
                ((ButtonBase) control).fire();
            }
        }
    }

    @Test
    void everyMenuItemAndWorkspaceButtonWorksWithATrainedModel(FxRobot robot) throws Exception {
        dialogs.model = window.openAndTrainTiny(robot);
        window.onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(new Image(images.get(0).toUri().toString()));
            Clipboard.getSystemClipboard().setContent(content);
        });
        assertThat(AppWindow.onFx(() -> Clipboard.getSystemClipboard().hasImage()))
                .as("the clipboard holds an image")
                .isTrue();

        Set<String> fired = new LinkedHashSet<>();
        List<String> firedNames = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> followUps = new ArrayList<>();
        for (int step = 0; ; step++) {
            assertThat(step)
                    .as("actions fired; more than this means the enumeration keeps finding new ones: %s", fired)
                    .isLessThan(200);
            Map<String, Action> available = AppWindow.onFx(() -> available(fired));
            Action next = followUps.stream()
                    .filter(available::containsKey)
                    .findFirst()
                    .map(available::get)
                    .orElse(available.values().stream().findFirst().orElse(null));
            if (next == null) {
                break;
            }
            followUps.remove(next.key());
            fired.add(next.key());
            firedNames.add(next.name());
            for (String problem : fire(() -> fireOnUi(next))) {
                failures.add(next.name() + ": " + problem);
            }
            // What this action made available (results to export, cards to explain) is fired next,
            // while its result is there, before another action (Clear) takes it away.
            Set<String> before = available.keySet();
            List<String> madeAvailable = AppWindow.onFx(() -> available(fired)).keySet().stream()
                    .filter(k -> !before.contains(k))
                    .toList();
            followUps.addAll(0, madeAvailable);
        }

        // Actions available only while work runs (Cancel): fire each action fired so far once more, and
        // right after it, in the same turn of the UI thread while its work runs, the first waiting action
        // it made available. An enabler that reached one is fired again for the rest, so each enabler
        // costs one firing per action it reaches plus one, rather than one per waiting action.
        List<String> waiting = new ArrayList<>(AppWindow.onFx(
                () -> all().keySet().stream().filter(k -> !fired.contains(k)).toList()));
        for (String enablerKey : List.copyOf(fired)) {
            boolean reachedOne = true;
            while (reachedOne && !waiting.isEmpty()) {
                reachedOne = false;
                Action enabler = AppWindow.onFx(() -> available(Set.of()).get(enablerKey));
                if (enabler == null) {
                    break;
                }
                String[] reached = {null};
                List<String> problems = fire(() -> {
                    fireOnUi(enabler);
                    Map<String, Action> now = all();
                    for (String key : waiting) {
                        Action target = now.get(key);
                        if (target != null && target.available(surface(target))) {
                            fireOnUi(target);
                            reached[0] = key;
                            return;
                        }
                    }
                });
                String name = reached[0] != null
                        ? enabler.name() + ", then at once "
                                + AppWindow.onFx(() -> all().get(reached[0]).name())
                        : enabler.name() + " (fired again)";
                for (String problem : problems) {
                    // Fired again, an action that failed before fails the same way: reported once.
                    if (failures.stream().noneMatch(f -> f.endsWith(": " + problem))) {
                        failures.add(name + ": " + problem);
                    }
                }
                if (reached[0] != null) {
                    waiting.remove(reached[0]);
                    fired.add(reached[0]);
                    firedNames.add(name);
                    reachedOne = true;
                }
            }
        }

        List<String> never = AppWindow.onFx(
                () -> all().keySet().stream().filter(k -> !fired.contains(k)).toList());
        System.err.println("All actions: fired " + fired.size() + ":\n  " + String.join("\n  ", firedNames)
                + "\nnot fired (disabled or hidden whenever their turn came):\n  "
                + (never.isEmpty() ? "(none)" : String.join("\n  ", never))
                + "\nchoosers answered:\n  " + String.join("\n  ", dialogs.asked()));
        assertThat(fired)
                .as("actions fired (the enumeration must find the window's actions)")
                .hasSizeGreaterThanOrEqualTo(AT_LEAST);
        assertThat(failures)
                .as("actions that failed, with what the window showed")
                .isEmpty();
    }

    /**
     * Runs what fires an action on the UI thread, waits until the window is idle and returns what
     * went wrong.
     *
     * @param firing fires the action (UI thread)
     * @return the problems seen
     */
    private List<String> fire(Runnable firing) throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> textsBefore = AppWindow.onFx(window::failureTexts);
        dialogs.forgetUnanswered();
        window.takeProblems();
        try {
            window.onFx(firing);
        } catch (Exception | AssertionError e) {
            problems.add("threw " + e);
        }
        try {
            window.awaitIdle("the action", IDLE_LIMIT);
        } catch (AssertionError e) {
            problems.add(e.getMessage());
        }
        problems.addAll(window.takeProblems());
        for (String t : AppWindow.onFx(window::failureTexts)) {
            if (!textsBefore.contains(t)) {
                problems.add("shows " + t);
            }
        }
        for (String q : dialogs.unanswered()) {
            problems.add("the test's chooser double has no answer for '" + q + "'");
        }
        String status = AppWindow.onFx(() -> ((Labeled) window.root().lookup("#statusLabel")).getText());
        System.err.println("fired; status bar: " + status + (problems.isEmpty() ? "" : "; problems: " + problems));
        // Hide the banner as the user would, so the next action's banner is its own.
        window.onFx(() -> {
            ButtonBase dismiss = (ButtonBase) window.root().lookup("#dismissErrorButton");
            if (dismiss.getParent().isVisible()) {
                dismiss.fire();
            }
        });
        return problems;
    }

    /** Selects the workspace (and inner tab) of an action and fires it (UI thread). */
    private static void fireOnUi(Action a) {
        System.err.println("firing " + a.name());
        if (a.tab() != null) {
            a.tab().getTabPane().getSelectionModel().select(a.tab());
        }
        if (a.innerTab() != null) {
            a.innerTab().getTabPane().getSelectionModel().select(a.innerTab());
        }
        a.fire();
    }

    /** @return the workspace (or inner tab) content an action lies in; null for menu items */
    private static Node surface(Action a) {
        return a.innerTab() != null
                ? a.innerTab().getContent()
                : a.tab() != null ? a.tab().getContent() : null;
    }

    /** The actions not fired yet that the user can trigger now, in window order (UI thread). */
    private Map<String, Action> available(Set<String> fired) {
        Map<String, Action> m = new LinkedHashMap<>();
        for (Action a : all().values()) {
            if (!fired.contains(a.key()) && a.available(surface(a))) {
                m.put(a.key(), a);
            }
        }
        return m;
    }

    /** Every action of the window, keyed by where it is and what it is called (UI thread). */
    private Map<String, Action> all() {
        Map<String, Action> m = new LinkedHashMap<>();
        MenuBar bar = (MenuBar) window.root().lookup("#menuBar");
        for (Menu menu : bar.getMenus()) {
            menuItems(menu, plain(menu.getText()), null, null, m);
        }
        TabPane workspaces = (TabPane) window.root().lookup("#tabs");
        for (Tab tab : workspaces.getTabs()) {
            buttons(tab.getContent(), tab.getText(), tab, null, m);
            for (Node n : AppWindow.allNodes(tab.getContent())) {
                if (n instanceof TabPane inner) {
                    for (Tab innerTab : inner.getTabs()) {
                        buttons(innerTab.getContent(), tab.getText() + " › " + innerTab.getText(), tab, innerTab, m);
                    }
                }
            }
        }
        return m;
    }

    private static void menuItems(Menu menu, String path, Tab tab, Tab innerTab, Map<String, Action> out) {
        for (MenuItem item : menu.getItems()) {
            String name = path + " › " + plain(item.getText());
            if (item instanceof SeparatorMenuItem) {
                continue;
            }
            if (item instanceof Menu sub) {
                menuItems(sub, name, tab, innerTab, out);
            } else if (!QUITS.matcher(plain(item.getText())).matches()) {
                out.putIfAbsent(name, new Action(name, name, item, tab, innerTab));
            }
        }
    }

    /**
     * The buttons of a workspace: every button, toggle button, menu button (its items) and link under
     * it, toolbar items included (also those a narrow toolbar moved into its overflow menu). Check
     * boxes and radio buttons are left out: they are settings, not actions; the settings they hold
     * are exercised by the actions that use them.
     */
    private static void buttons(Node root, String where, Tab tab, Tab innerTab, Map<String, Action> out) {
        Set<Node> nodes = new LinkedHashSet<>(AppWindow.allNodes(root));
        for (Node n : AppWindow.allNodes(root)) {
            if (n instanceof ToolBar bar) {
                bar.getItems().forEach(item -> nodes.addAll(AppWindow.allNodes(item)));
            }
        }
        for (Node n : nodes) {
            if (!(n instanceof ButtonBase b)
                    || b instanceof CheckBox
                    || b instanceof RadioButton
                    || isIn(n, TabPane.class, root)) {
                continue;
            }
            // Keyed by fx:id where there is one: a button's text may change ("Why?" -> "Explaining…").
            String key = where + " › " + (b.getId() != null ? "#" + b.getId() : describe(b));
            String name = where + " › " + describe(b);
            if (b instanceof MenuButton mb) {
                for (MenuItem item : mb.getItems()) {
                    if (!(item instanceof SeparatorMenuItem)) {
                        out.putIfAbsent(
                                key + " › " + plain(item.getText()),
                                new Action(
                                        key + " › " + plain(item.getText()),
                                        name + " › " + plain(item.getText()),
                                        item,
                                        tab,
                                        innerTab));
                    }
                }
                continue;
            }
            out.putIfAbsent(key, new Action(key, name, b, tab, innerTab));
        }
    }

    /** Whether a node lies in a nested container of that type below root (inner tabs are visited on their own). */
    private static boolean isIn(Node n, Class<?> type, Node root) {
        for (Parent p = n.getParent(); p != null && p != root; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }

    /** A button's name: its fx:id (cards repeat theirs: one of them is fired), else its text, tooltip or icon. */
    private static String describe(ButtonBase b) {
        String text = plain(b.getText());
        if (b.getId() != null) {
            return "#" + b.getId() + (text.isEmpty() ? "" : " (" + text + ")");
        }
        if (!text.isEmpty()) {
            return text;
        }
        if (b.getTooltip() != null) {
            return b.getTooltip().getText();
        }
        if (b.getGraphic() instanceof FontIcon icon && icon.getIconCode() != null) {
            return "icon " + icon.getIconCode().getDescription();
        }
        return b.getClass().getSimpleName();
    }

    private static String plain(String text) {
        return text == null ? "" : text.replace("_", "");
    }
}

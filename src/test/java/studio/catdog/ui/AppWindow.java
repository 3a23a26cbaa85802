package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressIndicator;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.Await;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.pages.BrowserPage;
import studio.catdog.ui.pages.TrainingPage;

/**
 * The real window for a UI test (built through {@link UiAssembly}, as the app builds it), with what a
 * test needs to judge it: whether it has gone idle, and every error it showed. It records each text
 * the error banner and the status bar showed and every exception that reached the UI thread, so a
 * failure that flashes by between two checks is still seen.
 */
public final class AppWindow implements AutoCloseable {

    /** The status bar's words for a failure nobody expected (set by the model service). */
    public static final String UNEXPECTED = "Unexpected error";

    private final Stage stage;
    private final UiAssembly ui;
    private final TrackingTaskExecutor executor;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private AppWindow(Stage stage, UiAssembly ui, TrackingTaskExecutor executor) {
        this.stage = stage;
        this.ui = ui;
        this.executor = executor;
    }

    /**
     * Builds and shows the window (call from the test's {@code @Start}, on the UI thread).
     *
     * @param stage the stage TestFX gives
     * @param service the model service
     * @param dialogs the choosers
     * @param settingsFile where the window's settings live (a new file: nothing is restored)
     * @return the window
     */
    public static AppWindow show(Stage stage, ModelService service, DialogService dialogs, Path settingsFile) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        TrackingTaskExecutor executor = new TrackingTaskExecutor();
        UiAssembly ui = new UiAssembly(service, executor, AppSettings.load(settingsFile), dialogs);
        AppWindow w = new AppWindow(stage, ui, executor);
        Thread.currentThread()
                .setUncaughtExceptionHandler((t, e) -> w.problems.add("exception on the UI thread: " + e));
        Scene scene = new Scene(ui.createMainView(), 1180, 780);
        CatdogApp.style(scene);
        stage.setScene(scene);
        stage.show();
        ((Labeled) scene.lookup("#statusLabel")).textProperty().addListener((o, a, text) -> {
            if (text != null && text.startsWith(UNEXPECTED)) {
                w.problems.add("status bar: " + text);
            }
        });
        ((Labeled) scene.lookup("#errorLabel")).textProperty().addListener((o, a, text) -> {
            if (text != null) {
                w.problems.add("error banner: " + text);
            }
        });
        ui.mainViewModel().start();
        return w;
    }

    /** @return the window's object graph */
    public UiAssembly ui() {
        return ui;
    }

    /** @return the scene's root */
    public Parent root() {
        return stage.getScene().getRoot();
    }

    /**
     * Takes the errors shown since the last call: banner texts, "Unexpected error" status texts,
     * exceptions on the UI thread.
     *
     * @return them, oldest first
     */
    public List<String> takeProblems() {
        synchronized (problems) {
            List<String> taken = List.copyOf(problems);
            problems.clear();
            return taken;
        }
    }

    /**
     * Runs an action on the UI thread and returns when it has returned.
     *
     * @param action the action
     * @throws Exception what the action threw
     */
    public void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs a computation on the UI thread.
     *
     * @param task the computation
     * @param <T> its result type
     * @return its result
     * @throws Exception what it threw
     */
    public static <T> T onFx(Callable<T> task) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return task.call();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the UI thread did not run a task within 60 s (frozen?)", e);
        }
    }

    /**
     * Opens the data set through the window and trains the tiny backbone on it (3 epochs, batch 8), then waits
     * until the window is idle and checks that nothing went wrong on the way.
     *
     * @param robot the robot that drives the window
     * @return where the model was saved
     */
    public Path openAndTrainTiny(FxRobot robot) {
        new BrowserPage(robot).open();
        Path saved = new TrainingPage(robot).configure("tiny", 3, 8).trainAndWaitForTheSavedModel(180);
        awaitIdle("training", Duration.ofMinutes(3));
        assertThat(takeProblems())
                .as("errors while opening the data set and training")
                .isEmpty();
        return saved;
    }

    /**
     * Waits until the window has nothing left to do: no background work or delayed update of the UI
     * layer pending, and no sign of work in progress on screen ({@link #busySigns()}), for a while in
     * a row. Fails when that does not happen within the limit.
     *
     * @param after what was done last, for the failure message
     * @param limit the limit
     */
    public void awaitIdle(String after, Duration limit) {
        int[] quietPolls = {0};
        Await.until(
                "the window to go idle after " + after,
                limit,
                () -> {
                    boolean quiet =
                            executor.pending() == 0 && onFx(this::busySigns).isEmpty();
                    quietPolls[0] = quiet ? quietPolls[0] + 1 : 0;
                    return quietPolls[0] >= 15; // about 0.3 s without a sign of work
                },
                () -> {
                    try {
                        return "pending background tasks " + executor.pending() + ", busy signs "
                                + onFx(this::busySigns);
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
    }

    /**
     * What on screen says that work is in progress (UI thread): a progress indicator with an fx:id
     * that is shown (the status bar's busy indicator, training, scanning and folder progress); a label
     * whose text ends with an ellipsis ("Classified 3 of 8 images…", a card's verdict "…"); a button
     * whose text is an -ing word with an ellipsis ("Explaining…"; a button text such as "Open…"
     * only says that it asks something first). Hidden workspaces count: their work runs too.
     *
     * @return the signs, empty when idle
     */
    public List<String> busySigns() {
        List<String> signs = new ArrayList<>();
        for (Node n : allNodes(root())) {
            if (!n.isVisible()) {
                continue;
            }
            if (n instanceof ProgressIndicator p && n.getId() != null) {
                signs.add(n.getId() + " shown (progress " + p.getProgress() + ")");
            } else if (n instanceof Labeled l
                    && l.getText() != null
                    && l.getText().endsWith("…")) {
                boolean button = n instanceof ButtonBase;
                if (!button || l.getText().matches(".*\\w+ing…")) {
                    signs.add((n.getId() != null ? n.getId() : n.getClass().getSimpleName()) + " says '" + l.getText()
                            + "'");
                }
            }
        }
        return signs;
    }

    /**
     * Texts on screen that say something failed without the error banner (UI thread): "… failed: …"
     * in a status line, a card's "cannot classify" or "cannot explain".
     *
     * @return them
     */
    public List<String> failureTexts() {
        List<String> found = new ArrayList<>();
        for (Node n : allNodes(root())) {
            // The banner's label is watched on its own (takeProblems).
            if (n.isVisible() && n instanceof Labeled l && l.getText() != null && !"errorLabel".equals(n.getId())) {
                String t = l.getText();
                if (t.contains("failed:") || t.contains("cannot classify") || t.contains("cannot explain")) {
                    found.add((n.getId() != null ? n.getId() + ": " : "") + t);
                }
            }
        }
        return found;
    }

    /**
     * @param root a node
     * @return it and every node below it, shown or not, in document order
     */
    public static List<Node> allNodes(Node root) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Node n, List<Node> all) {
        all.add(n);
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, all);
            }
        }
    }

    @Override
    public void close() {
        ui.close();
        executor.close();
    }
}

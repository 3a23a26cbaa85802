package studio.catdog.ui;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AppPaths;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.FxDialogService;
import studio.catdog.ui.common.FxTaskExecutor;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TorchScriptConsent;

/**
 * The desktop app: creates the one {@link ModelService}, the executor and the settings, builds the
 * window through {@link UiAssembly}, and closes everything in {@link #stop()}.
 *
 * <p>Start-up keeps the window's first frame quick (issue 20: on a busy machine the window stayed blank for
 * seconds): the service, the settings and the log file are made in {@link #init()}, on the launcher thread; the
 * scene is styled and laid out before the window is shown; and the work that follows (reopening the last data set
 * and model, probing the device) starts only after the first frame is on screen ({@link FirstFrame}), all of it as
 * background jobs.
 */
public class CatdogApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(CatdogApp.class);
    /** Window icons, smallest first. */
    static final List<String> ICONS = List.of("16", "24", "32", "48", "64", "128", "256");

    private ModelService service;
    private AppSettings settings;
    private FxTaskExecutor executor;
    private FxDialogService dialogs;
    /** The window, once start() has it; the dialogs' owner. */
    private volatile Stage stage;

    private UiAssembly ui;

    /** The work that needs no toolkit, on the launcher thread: the log file, the settings, the service. */
    @Override
    public void init() {
        long begin = System.nanoTime();
        AppPaths paths = AppPaths.forCurrentUser();
        LogFile.attach(paths.logDir());
        settings = AppSettings.load(paths.dataDir().resolve("settings.properties"));
        executor = new FxTaskExecutor();
        // The dialogs' owner is the window, made later in start().
        dialogs = new FxDialogService(() -> stage, getHostServices());
        // A TorchScript file is opened only after the user says yes (once per file, by SHA-256).
        service = ModelService.createDefault(new TorchScriptConsent(settings, dialogs, executor));
        log.info("CatDog Studio starting; service and settings ready in {} ms (off the UI thread)", millisSince(begin));
    }

    @Override
    public void start(Stage stage) {
        long begin = System.nanoTime();
        long[] shownAt = {0};
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        ui = new UiAssembly(service, executor, settings, dialogs);
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            log.error("uncaught exception on the UI thread", e);
            ui.mainViewModel().uncaught(e);
        });
        Scene scene = new Scene(ui.createMainView(), 1180, 780);
        style(scene);
        // Styled and laid out now, before the window exists, so its first frame is drawn at once instead of
        // after the whole window's first style and layout pass.
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        stage.setScene(scene);
        stage.setTitle(Messages.get("main.windowTitle"));
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        icons(stage);
        long built = System.nanoTime();
        FirstFrame.whenDrawn(scene, drawn -> {
            log.info(
                    "window built in {} ms; first frame on screen {} ms after show() was called ({}), show() took {}"
                            + " ms",
                    (built - begin) / 1_000_000,
                    (drawn.nanos() - built) / 1_000_000,
                    drawn.fromRenderer() ? "reported by the renderer" : "the second pulse standing in for it",
                    (shownAt[0] - built) / 1_000_000);
            startWork(stage);
        });
        stage.show();
        shownAt[0] = System.nanoTime();
    }

    /** What follows the first frame: reopening the last data set and model, files to classify, the tour. */
    private void startWork(Stage stage) {
        ui.mainViewModel().start();
        List<Path> opened = getParameters().getUnnamed().stream()
                .filter(a -> !a.startsWith("--"))
                .map(Path::of)
                .filter(Files::isRegularFile)
                .toList();
        if (!opened.isEmpty()) {
            // "Open with CatDog Studio": the files are predicted with the last model, which start()
            // began loading on the model worker, so the predictions queue behind it.
            ui.mainView().handleDrop(opened);
        }
        shown(ui, stage);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * Called once the window is shown and the app started; does nothing. For a demo that drives the
     * real window (the screenshot tour in the tests).
     *
     * @param ui the window's parts
     * @param stage the window
     */
    void shown(UiAssembly ui, Stage stage) {
        // nothing in the app itself
    }

    /**
     * Adds the app style sheet to a scene (the theme is the user agent style sheet).
     *
     * @param scene the scene
     */
    public static void style(Scene scene) {
        scene.getStylesheets()
                .add(Objects.requireNonNull(CatdogApp.class.getResource("app.css"))
                        .toExternalForm());
    }

    /**
     * Sets the window icons.
     *
     * @param stage the window
     */
    public static void icons(Stage stage) {
        for (String size : ICONS) {
            var url = CatdogApp.class.getResource("/studio/catdog/icons/catdog-studio-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
    }

    @Override
    public void stop() {
        if (ui != null) {
            ui.close();
        }
        if (executor != null) {
            executor.close();
        }
        if (service != null) {
            service.close();
        }
    }
}

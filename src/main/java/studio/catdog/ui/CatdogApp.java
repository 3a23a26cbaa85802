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
 */
public class CatdogApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(CatdogApp.class);
    /** Window icons, smallest first. */
    static final List<String> ICONS = List.of("16", "24", "32", "48", "64", "128", "256");

    private ModelService service;
    private FxTaskExecutor executor;
    private UiAssembly ui;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        AppSettings settings =
                AppSettings.load(AppPaths.forCurrentUser().dataDir().resolve("settings.properties"));
        FxDialogService dialogs = new FxDialogService(() -> stage);
        // A TorchScript file is opened only after the user says yes (once per file, by SHA-256).
        service = ModelService.createDefault(new TorchScriptConsent(settings, dialogs, executor));
        ui = new UiAssembly(service, executor, settings, dialogs);
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            log.error("uncaught exception on the UI thread", e);
            ui.mainViewModel().uncaught(e);
        });
        Scene scene = new Scene(ui.createMainView(), 1180, 780);
        style(scene);
        stage.setScene(scene);
        stage.setTitle(Messages.get("main.windowTitle"));
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        icons(stage);
        stage.show();
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

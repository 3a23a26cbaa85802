package studio.catdog;

import javafx.application.Application;
import studio.catdog.cli.CatdogCli;
import studio.catdog.core.backbone.NativeMemoryTuning;
import studio.catdog.core.backbone.NativeThreadTuning;
import studio.catdog.ui.CatdogApp;

/**
 * The program entry point. A plain class (not a JavaFX {@code Application}) so the jar runs from the
 * class path. With a command it runs the command line; without arguments, or with only image files
 * (a desktop's "Open with CatDog Studio"), the desktop app.
 *
 * <p>Contract with the desktop app: the image paths arrive as the {@code Application}'s unnamed
 * parameters ({@code getParameters().getUnnamed()}); the app is to open its prediction view with them.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Starts CatDog Studio.
     *
     * @param args command-line arguments; none, or image files only, opens the desktop app
     */
    public static void main(String[] args) {
        // Before any native library loads: allocator and OpenMP settings (see the classes' notes).
        NativeMemoryTuning.apply();
        NativeThreadTuning.apply();
        StartupSettings.apply();
        if (StartupSettings.opensDesktop(args)) {
            Application.launch(CatdogApp.class, args);
            return;
        }
        System.exit(CatdogCli.run(args));
    }
}

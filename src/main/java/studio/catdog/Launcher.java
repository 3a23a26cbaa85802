package studio.catdog;

import javafx.application.Application;
import studio.catdog.cli.CatdogCli;
import studio.catdog.ui.CatdogApp;

/**
 * The program entry point. A plain class (not a JavaFX {@code Application}) so the jar runs from the
 * class path. With arguments it runs the command line; without, the desktop app.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Starts CatDog Studio.
     *
     * @param args command-line arguments; none opens the desktop app
     */
    public static void main(String[] args) {
        if (args.length == 0 || "--screenshot-demo".equals(args[0])) {
            Application.launch(CatdogApp.class, args);
            return;
        }
        System.exit(CatdogCli.run(args));
    }
}

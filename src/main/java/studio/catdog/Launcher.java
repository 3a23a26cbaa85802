package studio.catdog;

import studio.catdog.cli.CatdogCli;

/**
 * The program entry point. A plain class (not a JavaFX {@code Application}) so the jar runs from the
 * class path. With a command it runs the command line; without arguments, or with only image files
 * (a desktop's "Open with CatDog Studio"), the desktop app.
 *
 * <p>Contract with the desktop app: the image paths arrive as the {@code Application}'s unnamed
 * parameters ({@code getParameters().getUnnamed()}); the app opens its prediction view with them.
 */
public final class Launcher {

    /** The desktop app's class, started by name so the command line does not need the UI. */
    static final String DESKTOP_APP = "studio.catdog.ui.CatdogApp";

    private Launcher() {}

    /**
     * Starts CatDog Studio.
     *
     * @param args command-line arguments; none, or image files only, opens the desktop app
     */
    public static void main(String[] args) {
        StartupSettings.apply();
        if (StartupSettings.opensDesktop(args) || (args.length > 0 && "--screenshot-demo".equals(args[0]))) {
            System.exit(launchDesktop(args));
            return;
        }
        System.exit(CatdogCli.run(args));
    }

    private static int launchDesktop(String[] args) {
        Class<? extends javafx.application.Application> app;
        try {
            app = Class.forName(DESKTOP_APP).asSubclass(javafx.application.Application.class);
        } catch (ClassNotFoundException e) {
            if (args.length == 0) {
                return CatdogCli.run(args);
            }
            System.err.println("error: this build has no desktop app; use: catdog predict --model M FILE...");
            return CatdogCli.EXIT_USAGE;
        }
        javafx.application.Application.launch(app, args);
        return 0;
    }
}

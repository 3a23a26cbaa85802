package studio.catdog;

import studio.catdog.cli.CatdogCli;
import studio.catdog.core.backbone.NativeMemoryTuning;
import studio.catdog.core.backbone.NativeThreadTuning;

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
        // Before any native library loads: allocator and OpenMP settings (see the classes' notes).
        NativeMemoryTuning.apply();
        NativeThreadTuning.apply();
        System.exit(CatdogCli.run(args));
    }
}

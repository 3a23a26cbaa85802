package studio.catdog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import studio.catdog.cli.CatdogCli;
import studio.catdog.core.AppPaths;
import studio.catdog.core.image.ImageFiles;

/**
 * What the entry point decides before anything else runs: where DJL keeps its files in the installed
 * app, and whether the arguments ask for the command line or the desktop app.
 *
 * <p>Installed app (jpackage sets the {@code jpackage.app-path} system property in its launchers):
 * DJL's cache (the libtorch it unpacks from the bundled jar, the JNI library, model-zoo downloads)
 * goes to the user's cache folder, {@code AppPaths.cacheDir()/djl} ({@code ~/.cache/catdog-studio/djl}
 * on Linux), never beside the program and not into {@code ~/.djl.ai}. {@code DJL_CACHE_DIR} given by
 * the user (environment or system property) wins. Offline mode is not forced: the natives come from
 * the package, so nothing is downloaded unless the user picks the ResNet50 download.
 */
final class StartupSettings {

    /** Set by jpackage's launchers to the launcher's own path. */
    static final String APP_PATH_PROPERTY = "jpackage.app-path";

    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

    private StartupSettings() {}

    /** Applies the installed-app settings to this process's system properties. */
    static void apply() {
        String dir = djlCacheDir(System.getenv(), System.getProperties(), AppPaths.forCurrentUser());
        if (dir != null) {
            System.setProperty(DJL_CACHE_DIR, dir);
        }
    }

    /**
     * The DJL cache folder to set, or null to leave DJL's choice alone.
     *
     * @param env environment variables
     * @param props system properties
     * @param paths the user's folders
     * @return the folder, or null when not installed or when the user set one
     */
    static String djlCacheDir(Map<String, String> env, Properties props, AppPaths paths) {
        if (!isInstalled(props) || env.get(DJL_CACHE_DIR) != null || props.getProperty(DJL_CACHE_DIR) != null) {
            return null;
        }
        return paths.cacheDir().resolve("djl").toString();
    }

    /**
     * @param props system properties
     * @return whether this process was started by a jpackage launcher
     */
    static boolean isInstalled(Properties props) {
        String p = props.getProperty(APP_PATH_PROPERTY);
        return p != null && !p.isBlank();
    }

    /**
     * Whether the arguments open the desktop app: none at all, or only existing image files (how a
     * desktop's "Open with" starts a program). Anything else, a subcommand or an option, is the
     * command line's.
     *
     * @param args the program arguments
     * @return true for the desktop app
     */
    static boolean opensDesktop(String[] args) {
        if (args.length == 0) {
            return true;
        }
        if (args[0].startsWith("-")
                || CatdogCli.newCommandLine().getSubcommands().containsKey(args[0])) {
            return false;
        }
        return imageFiles(args).size() == args.length;
    }

    /**
     * The arguments that are existing image files (by name: {@link ImageFiles#isImageFile}).
     *
     * @param args the program arguments
     * @return those arguments, in order
     */
    static List<String> imageFiles(String[] args) {
        return Arrays.stream(args).filter(StartupSettings::isImageFile).toList();
    }

    private static boolean isImageFile(String arg) {
        try {
            Path file = Path.of(arg);
            return ImageFiles.isImageFile(file) && Files.isRegularFile(file);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

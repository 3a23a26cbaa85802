package studio.catdog.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where CatDog Studio keeps its own files: trained models, the feature cache, settings. Follows the
 * XDG base directory rules on Linux and the usual folders elsewhere; {@code CATDOG_HOME} (environment
 * variable or {@code catdog.home} system property) moves everything under one folder, which tests use.
 *
 * @param dataDir user data: trained models, settings, the desktop app's log
 * @param cacheDir re-creatable data: the feature cache, downloaded backbones, cached evaluations
 */
public record AppPaths(Path dataDir, Path cacheDir) {

    private static final String APP = "catdog-studio";

    /**
     * Returns the folders for this user and platform.
     *
     * @return the paths
     */
    public static AppPaths forCurrentUser() {
        return resolve(
                System.getenv(),
                System.getProperty("catdog.home"),
                System.getProperty("os.name", ""),
                System.getProperty("user.home"));
    }

    /**
     * Resolves the folders from explicit inputs (testable form of {@link #forCurrentUser()}).
     *
     * @param env environment variables
     * @param homeProperty the {@code catdog.home} system property, or null
     * @param osName the operating system name
     * @param userHome the user's home folder
     * @return the paths
     */
    static AppPaths resolve(Map<String, String> env, String homeProperty, String osName, String userHome) {
        String explicit = homeProperty != null ? homeProperty : env.get("CATDOG_HOME");
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit);
            return new AppPaths(home.resolve("data"), home.resolve("cache"));
        }
        Path home = Path.of(userHome);
        String os = osName.toLowerCase();
        if (os.contains("win")) {
            String local = env.getOrDefault(
                    "LOCALAPPDATA", home.resolve("AppData/Local").toString());
            Path base = Path.of(local, "CatDog Studio");
            return new AppPaths(base, base.resolve("Cache"));
        }
        if (os.contains("mac")) {
            return new AppPaths(
                    home.resolve("Library/Application Support/CatDog Studio"),
                    home.resolve("Library/Caches/CatDog Studio"));
        }
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP);
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve(APP);
        return new AppPaths(data, cache);
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value != null && value.startsWith("/") ? Path.of(value) : fallback;
    }

    /** @return the folder of the feature cache */
    public Path featureCacheDir() {
        return cacheDir.resolve("features");
    }

    /** @return the default folder for trained models */
    public Path modelsDir() {
        return dataDir.resolve("models");
    }

    /** @return the folder of the desktop app's log files ({@code Help > Open log folder}) */
    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** @return the folder of the evaluations kept per model and data set, so Mistakes come back after a restart */
    public Path evaluationCacheDir() {
        return cacheDir.resolve("evaluations");
    }
}

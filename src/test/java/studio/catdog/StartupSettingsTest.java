package studio.catdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.AppPaths;

/** Installed-app start-up: DJL's cache under the user's cache folder; "Open with" arguments. */
class StartupSettingsTest {

    @TempDir
    Path dir;

    private final AppPaths paths =
            new AppPaths(Path.of("/home/u/.local/share/catdog-studio"), Path.of("/home/u/.cache/catdog-studio"));

    private static Properties installed() {
        Properties p = new Properties();
        p.setProperty(StartupSettings.APP_PATH_PROPERTY, "/opt/catdog-studio/bin/CatDog Studio");
        return p;
    }

    @Test
    void installedAppKeepsDjlFilesInTheUserCacheFolder() {
        assertThat(StartupSettings.djlCacheDir(Map.of(), installed(), paths))
                .isEqualTo("/home/u/.cache/catdog-studio/djl");
    }

    @Test
    void outsideThePackageDjlKeepsItsOwnDefault() {
        assertThat(StartupSettings.djlCacheDir(Map.of(), new Properties(), paths))
                .isNull();
    }

    @Test
    void theUsersDjlCacheDirWins() {
        assertThat(StartupSettings.djlCacheDir(Map.of("DJL_CACHE_DIR", "/x"), installed(), paths))
                .isNull();
        Properties p = installed();
        p.setProperty("DJL_CACHE_DIR", "/y");
        assertThat(StartupSettings.djlCacheDir(Map.of(), p, paths)).isNull();
    }

    @Test
    void noArgumentsOrOnlyImageFilesOpenTheDesktopApp() throws IOException {
        Path jpg = Files.createFile(dir.resolve("cat 1.JPG"));
        Path webp = Files.createFile(dir.resolve("dog.webp"));
        assertThat(StartupSettings.opensDesktop(new String[0])).isTrue();
        assertThat(StartupSettings.opensDesktop(new String[] {jpg.toString()})).isTrue();
        assertThat(StartupSettings.opensDesktop(new String[] {jpg.toString(), webp.toString()}))
                .isTrue();
        assertThat(StartupSettings.imageFiles(new String[] {jpg.toString(), "x"}))
                .containsExactly(jpg.toString());
    }

    @Test
    void commandsOptionsMissingAndOtherFilesGoToTheCommandLine() throws IOException {
        Path txt = Files.createFile(dir.resolve("notes.txt"));
        Path jpg = Files.createFile(dir.resolve("a.jpg"));
        assertThat(StartupSettings.opensDesktop(new String[] {"predict", "--model", "m", jpg.toString()}))
                .isFalse();
        assertThat(StartupSettings.opensDesktop(new String[] {"--help"})).isFalse();
        assertThat(StartupSettings.opensDesktop(new String[] {"history"})).isFalse();
        assertThat(StartupSettings.opensDesktop(new String[] {txt.toString()})).isFalse();
        assertThat(StartupSettings.opensDesktop(
                        new String[] {dir.resolve("missing.jpg").toString()}))
                .isFalse();
        assertThat(StartupSettings.opensDesktop(new String[] {jpg.toString(), txt.toString()}))
                .isFalse();
        assertThat(StartupSettings.opensDesktop(new String[] {dir.toString()})).isFalse();
    }
}

package studio.catdog.ui.help;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.AppPaths;
import studio.catdog.ui.common.ErrorReporter;
import studio.catdog.ui.common.Messages;

/**
 * What the Help window shows: the three steps of a first session, every keyboard shortcut (read from the window's
 * menus, so the list is never out of date), where the app keeps its files on this computer, and About: the version,
 * the licence, the built-in model's notice and the third-party components. No Nodes; tested without a toolkit.
 */
public final class HelpViewModel {

    /** The page of the Help window to show. */
    public enum Page {
        /** The three steps, the shortcuts and where files live. */
        GETTING_STARTED,
        /** Every keyboard shortcut. */
        SHORTCUTS,
        /** Version, licence, notices. */
        ABOUT
    }

    /** The third-party list on the class path (tab-separated; lines starting with # are comments). */
    public static final String THIRD_PARTY = "/studio/catdog/about/third-party.tsv";

    /** The built-in backbone's notice on the class path. */
    public static final String BUILT_IN_NOTICE = "/studio/catdog/backbones/mobilenetv2-12-int8.NOTICE.txt";

    private static final String VERSION = "/studio/catdog/about/version.properties";

    private final AppPaths paths;
    private final ErrorReporter errors;
    private final ObservableList<Shortcut> shortcuts = FXCollections.observableArrayList();

    /**
     * @param paths where the app keeps its files
     * @param errors where a folder that cannot be shown is reported
     */
    public HelpViewModel(AppPaths paths, ErrorReporter errors) {
        this.paths = paths;
        this.errors = errors;
    }

    /** @return the three steps of a first session, in order */
    public List<String> steps() {
        return List.of(Messages.get("help.step1"), Messages.get("help.step2"), Messages.get("help.step3"));
    }

    /**
     * Shows these shortcuts (the window's menu items with a key, and the few keys that belong to no menu item).
     *
     * @param menuShortcuts the menus' shortcuts, in menu order
     */
    public void setShortcuts(List<Shortcut> menuShortcuts) {
        List<Shortcut> all = new ArrayList<>(menuShortcuts);
        all.add(new Shortcut(Messages.get("help.keys.tab"), Messages.get("help.keys.tabAction")));
        all.add(new Shortcut(Messages.get("help.keys.escape"), Messages.get("help.keys.escapeAction")));
        all.add(new Shortcut(Messages.get("help.keys.enter"), Messages.get("help.keys.enterAction")));
        shortcuts.setAll(all);
    }

    /** @return every keyboard shortcut */
    public ObservableList<Shortcut> shortcuts() {
        return shortcuts;
    }

    /** @return where the app keeps its files on this computer */
    public List<StoragePlace> places() {
        return List.of(
                new StoragePlace(Messages.get("help.place.models"), paths.modelsDir()),
                new StoragePlace(
                        Messages.get("help.place.settings"), paths.dataDir().resolve("settings.properties")),
                new StoragePlace(Messages.get("help.place.logs"), paths.logDir()),
                new StoragePlace(
                        Messages.get("help.place.backbones"), paths.cacheDir().resolve("backbones")),
                new StoragePlace(Messages.get("help.place.features"), paths.featureCacheDir()),
                new StoragePlace(Messages.get("help.place.evaluations"), paths.evaluationCacheDir()));
    }

    /**
     * The log folder, made if it is not there yet (the app writes its log there from its first start; a folder
     * that cannot be made is reported).
     *
     * @return the folder, or null when it cannot be made
     */
    public Path logFolder() {
        Path dir = paths.logDir();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            errors.reportError(Messages.get("help.logFolderWhat"), e);
            return null;
        }
    }

    /**
     * Says where the log folder is when no file manager could show it.
     *
     * @param folder the folder
     */
    public void noFileManager(Path folder) {
        errors.reportError(Messages.get("help.noFileManager", folder));
    }

    /** @return the app's version, "development build" when run from the sources without the build's resources */
    public String version() {
        Properties p = new Properties();
        try (InputStream in = HelpViewModel.class.getResourceAsStream(VERSION)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "");
        return v.isBlank() || v.startsWith("${") ? Messages.get("help.about.devBuild") : v;
    }

    /** @return the Java and JavaFX versions this copy runs on */
    public String runtime() {
        return Messages.get(
                "help.about.runtime",
                System.getProperty("java.version", "?"),
                System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "?")));
    }

    /** @return the built-in backbone's notice, as shipped beside it */
    public String builtInNotice() {
        return resource(BUILT_IN_NOTICE);
    }

    /** @return the third-party components, in the list's order */
    public List<ThirdPartyComponent> thirdParty() {
        List<ThirdPartyComponent> all = new ArrayList<>();
        for (String line : resource(THIRD_PARTY).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 4) {
                throw new IllegalStateException("third-party list: 4 tab-separated columns expected in: " + line);
            }
            all.add(new ThirdPartyComponent(
                    cols[0].trim(), List.of(cols[1].trim().split(",")), cols[2].trim(), cols[3].trim()));
        }
        return all;
    }

    private static String resource(String name) {
        try (InputStream in = HelpViewModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder b = new StringBuilder();
                r.lines().forEach(l -> b.append(l).append('\n'));
                return b.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

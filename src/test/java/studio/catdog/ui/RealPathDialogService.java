package studio.catdog.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import studio.catdog.ui.common.DialogService;

/**
 * Answers every chooser with a real path that fits what it asks for, so a test can fire any action
 * without knowing which chooser it opens. The rules, by what the chooser says:
 * <ul>
 *   <li>a folder to save or export to (the title starts with "Save" or "Export"): a new, empty folder;</li>
 *   <li>a folder holding a model: the saved model;</li>
 *   <li>a data set folder: the data set;</li>
 *   <li>any other folder of images: a folder of images;</li>
 *   <li>image files: images; a backbone file (.onnx): the backbone file;</li>
 *   <li>a file to save: a new file in a new folder, named as the app suggests;</li>
 *   <li>a new folder to save into: a new name in a new folder, as the app suggests it.</li>
 * </ul>
 * A chooser that fits no rule is answered "cancelled" and listed in {@link #unanswered()}, so a test
 * can fail on it instead of passing with an action that did nothing.
 */
public final class RealPathDialogService implements DialogService {

    /** The data set folder. */
    public volatile Path dataset;
    /** A saved model folder. */
    public volatile Path model;
    /** A folder of images (not a data set). */
    public volatile Path imageFolder;
    /** Image files. */
    public volatile List<Path> images = List.of();
    /** A backbone model file. */
    public volatile Path backbone;

    private final Path scratch;
    private final AtomicInteger fresh = new AtomicInteger();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> shown = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param scratch where new folders and files to save to are made
     */
    public RealPathDialogService(Path scratch) {
        this.scratch = scratch;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        String t = title.toLowerCase(Locale.ROOT);
        Path answer;
        if (t.startsWith("save") || t.startsWith("export")) {
            answer = newFolder();
        } else if (t.contains("model")) {
            answer = model;
        } else if (t.contains("data set")) {
            answer = dataset;
        } else if (t.contains("folder") || t.contains("image")) {
            answer = imageFolder;
        } else {
            answer = null;
        }
        return Optional.ofNullable(record("folder: " + title, answer));
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, List<String> extensions) {
        Path answer = null;
        if (extensions.contains("onnx")) {
            answer = backbone;
        } else if (extensions.contains("jpg") && !images.isEmpty()) {
            answer = images.get(0);
        }
        return Optional.ofNullable(record("file: " + title + " " + extensions, answer));
    }

    @Override
    public List<Path> chooseFiles(String title, String description, List<String> extensions) {
        List<Path> answer = extensions.contains("jpg") ? images : List.of();
        record("files: " + title + " " + extensions, answer.isEmpty() ? null : answer.get(0));
        return answer;
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, String description, List<String> extensions) {
        String name = initialName == null || initialName.isBlank()
                ? "saved" + (extensions.isEmpty() ? "" : "." + extensions.get(0))
                : initialName;
        return Optional.of(record("save file: " + title, newFolder().resolve(name)));
    }

    /** A new folder to save into: a name that does not exist yet, inside a new, empty folder. */
    @Override
    public Optional<Path> saveFolder(String title, Path initial, String initialName) {
        String name = initialName == null || initialName.isBlank() ? "saved" : initialName;
        return Optional.of(record("save folder: " + title, newFolder().resolve(name)));
    }

    /** Records the folder; a test never opens a file manager. */
    @Override
    public boolean showFolder(Path folder) {
        record("show folder", folder);
        shown.add(folder);
        return true;
    }

    /** @return the folders the app asked to show in the file manager */
    public List<Path> shownFolders() {
        synchronized (shown) {
            return List.copyOf(shown);
        }
    }

    private Path newFolder() {
        try {
            return Files.createDirectories(scratch.resolve("chosen-" + fresh.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path record(String question, Path answer) {
        asked.add(question + " -> " + answer);
        if (answer == null) {
            unanswered.add(question);
        }
        return answer;
    }

    /** @return every chooser shown so far and its answer */
    public List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    /** @return the choosers this double found no rule for, and answered "cancelled" */
    public List<String> unanswered() {
        synchronized (unanswered) {
            return List.copyOf(unanswered);
        }
    }

    /** Forgets the choosers it could not answer (before the next action). */
    public void forgetUnanswered() {
        unanswered.clear();
    }

    /** Declines: a test never agrees to a download (nothing may leave this machine). */
    @Override
    public boolean confirm(String title, String message, String action) {
        return false;
    }
}

package studio.catdog.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import studio.catdog.ui.common.DialogService;

/** Answers choosers with prepared paths, so UI tests can press the real buttons. */
public final class FakeDialogService implements DialogService {

    /** The next folder to answer. */
    public volatile Path directory;
    /** The next file(s) to answer. */
    public volatile List<Path> files = List.of();
    /** The next file to save to. */
    public volatile Path saveTo;

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.ofNullable(directory);
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, List<String> extensions) {
        return files.stream().findFirst();
    }

    @Override
    public List<Path> chooseFiles(String title, String description, List<String> extensions) {
        return files;
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, String description, List<String> extensions) {
        return Optional.ofNullable(saveTo);
    }

    /** The next new folder to save into (Save as). */
    public volatile Path saveFolder;
    /** The folders shown in the file manager, in order. */
    public final List<Path> shownFolders = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Path> saveFolder(String title, Path initial, String initialName) {
        return Optional.ofNullable(saveFolder);
    }

    @Override
    public boolean showFolder(Path folder) {
        shownFolders.add(folder);
        return true;
    }

    /** What {@link #confirm} answers. */
    public volatile boolean confirmAnswer = true;
    /** The last confirmation asked, or null. */
    public volatile String lastConfirmation;

    @Override
    public boolean confirm(String title, String message, String action) {
        lastConfirmation = message;
        return confirmAnswer;
    }
}

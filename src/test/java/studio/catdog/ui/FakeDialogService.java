package studio.catdog.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

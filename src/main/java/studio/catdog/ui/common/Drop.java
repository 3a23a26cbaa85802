package studio.catdog.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a drop (or the files the app was opened with) means: exactly one folder is a folder to work on as a whole (the
 * window opens it as the data set, the prediction pane classifies every image in it); anything else is files to
 * classify. Plain logic with no JavaFX, tested with plain files, like {@code DroppedFiles}.
 *
 * @param folder the one folder dropped, or null when the drop is files
 * @param files the files dropped (in the given order), empty when the drop is a folder
 */
public record Drop(Path folder, List<Path> files) {

    /** Makes the list unmodifiable. */
    public Drop {
        files = List.copyOf(files);
    }

    /**
     * Reads a drop (checks whether a single path is a folder, so call it where a file check is fine).
     *
     * @param paths the dropped paths
     * @return a folder drop or a files drop
     */
    public static Drop of(List<Path> paths) {
        return paths.size() == 1 && Files.isDirectory(paths.get(0))
                ? new Drop(paths.get(0), List.of())
                : new Drop(null, paths);
    }

    /** @return whether the drop is one folder */
    public boolean isFolder() {
        return folder != null;
    }
}

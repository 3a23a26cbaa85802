package studio.catdog.ui.prediction;

import java.nio.file.Path;

/**
 * A dropped file that was refused, and why.
 *
 * @param path the file
 * @param reason why, in plain words
 */
public record DropRefusal(Path path, String reason) {
    /** @return "notes.txt: not an image file (.txt)" */
    public String describe() {
        return (path.getFileName() == null
                        ? path.toString()
                        : path.getFileName().toString()) + ": " + reason;
    }
}

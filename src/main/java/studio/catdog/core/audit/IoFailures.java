package studio.catdog.core.audit;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;

/** Short, readable reasons for the I/O failures of {@link DatasetEdits}, for its messages. */
final class IoFailures {

    private IoFailures() {}

    /**
     * @param e a failed file operation
     * @return why it failed, in words that fit after "Could not move a to b: "
     */
    static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name appeared there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package studio.catdog.core.audit;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One file move made by {@link DatasetEdits}, as the journal remembers it.
 *
 * @param id the move's id (for {@link DatasetEdits#undo(String)})
 * @param kind to another class, or out of the data set
 * @param from where the file was
 * @param to where it is now (its name may differ when a file of the same name was already there)
 * @param sha256 the file's content hash (its cached features still apply: the cache is keyed by content)
 * @param time when it was moved
 */
public record MoveRecord(String id, Kind kind, Path from, Path to, String sha256, Instant time) {

    /** Where a file was moved. */
    public enum Kind {
        /** Into another class folder of the same split. */
        TO_CLASS,
        /** Into the data set's {@code excluded/} folder, out of training and test. */
        EXCLUDED
    }
}

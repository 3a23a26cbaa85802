package studio.catdog.ui.browser;

/**
 * The states the audit views' rows carry ({@link AuditItem}, {@link DuplicateRow}); the rows and changes
 * themselves are plain values, made by {@link AuditViewModel} and the tabs' ViewModels it owns.
 */
public final class AuditRows {

    private AuditRows() {}

    /** What the user has done to an image shown in the audit. */
    public enum Status {
        /** Nothing yet: the actions are offered. */
        OPEN,
        /** A move or undo of this image is running. */
        WORKING,
        /** Moved to another class folder. */
        MOVED,
        /** Moved into {@code excluded/}. */
        EXCLUDED,
        /** Its label was confirmed ("keep"). */
        KEPT
    }

    /** Whether a duplicate finding is inside one split or across training and test. */
    public enum DuplicateKind {
        /** A training image and a test image: the test set measures memory, not generalisation. */
        LEAK,
        /** Two or more near-identical images inside one split. */
        GROUP
    }
}

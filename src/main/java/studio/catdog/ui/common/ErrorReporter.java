package studio.catdog.ui.common;

/**
 * Where the UI reports a failure the user should see: the main window's error banner ({@link Session} implements it).
 * {@link UiJobs} reports every failed job through it, so all failures read alike ("Opening the model x failed: …").
 */
public interface ErrorReporter {

    /**
     * Shows a failure in plain words and logs it.
     *
     * @param what what was being done ("Opening the data set x")
     * @param e the failure
     */
    void reportError(String what, Throwable e);

    /**
     * Shows a plain message as an error.
     *
     * @param message the message
     */
    void reportError(String message);
}

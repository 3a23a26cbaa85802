package studio.catdog.ui.training;

/** What the Training pane's result line reports, so it is coloured by what happened (a failure is never green). */
public enum ResultKind {
    /** Nothing yet. */
    NONE,
    /** The run succeeded. */
    SUCCEEDED,
    /** The run was cancelled; the previous model is kept. */
    CANCELLED,
    /** The run failed. */
    FAILED
}

package studio.catdog.ui.common;

import studio.catdog.core.Failures;

/** Turns exceptions into words for the user: {@link Failures}, under the names the UI used first. */
public final class Errors {

    private Errors() {}

    /**
     * @param e a failure
     * @return {@link Failures#unwrap}
     */
    public static Throwable unwrap(Throwable e) {
        return Failures.unwrap(e);
    }

    /**
     * @param e a failure
     * @return {@link Failures#isCancellation}
     */
    public static boolean isCancel(Throwable e) {
        return Failures.isCancellation(e);
    }

    /**
     * @param e a failure
     * @return {@link Failures#describe}
     */
    public static String describe(Throwable e) {
        return Failures.describe(e);
    }
}

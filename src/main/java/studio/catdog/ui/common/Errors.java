package studio.catdog.ui.common;

import studio.catdog.core.Failures;

/**
 * Left only for {@code MainViewModel.describeError}, which issue 10 removes; delete this class with
 * it. Everything else uses {@link Failures}.
 */
public final class Errors {

    private Errors() {}

    /**
     * @param e a failure
     * @return {@link Failures#describe}
     */
    public static String describe(Throwable e) {
        return Failures.describe(e);
    }
}

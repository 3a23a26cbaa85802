package studio.catdog.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancelledException;

/** Turns exceptions into words for the user. */
public final class Errors {

    private Errors() {}

    /**
     * Strips the wrappers that futures add.
     *
     * @param e a failure
     * @return the real cause
     */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * @param e a failure
     * @return whether it was a cancellation
     */
    public static boolean isCancel(Throwable e) {
        return unwrap(e) instanceof CancelledException;
    }

    /**
     * @param e a failure
     * @return a readable description
     */
    public static String describe(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof CatdogException && t.getMessage() != null) {
            return t.getMessage();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m;
    }
}

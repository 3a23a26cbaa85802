package studio.catdog.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import studio.catdog.core.concurrent.CancelledException;

/**
 * Turns a failure into plain words, the same in the app and on the command line. A
 * {@link CatdogException} is the user's situation (a bad file, a wrong setting) and its message is
 * written for them; a cancellation is not an error; anything else is a bug, named as unexpected,
 * and belongs in the log with its stack trace ({@link #isUnexpected}).
 */
public final class Failures {

    private Failures() {}

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
     * @param e a failure, possibly wrapped
     * @return whether it was a cancellation (the user's, or a cancelled future)
     */
    public static boolean isCancellation(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof CancelledException || t instanceof CancellationException;
    }

    /**
     * @param e a failure, possibly wrapped
     * @return whether it is a bug rather than the user's situation or a cancellation: log it with its
     *     stack trace
     */
    public static boolean isUnexpected(Throwable e) {
        return !(unwrap(e) instanceof CatdogException) && !isCancellation(e);
    }

    /**
     * The failure in plain words: a {@link CatdogException}'s own message; "cancelled" for a
     * cancellation; "unexpected IllegalStateException: its message" for anything else.
     *
     * @param e a failure, possibly wrapped
     * @return the words, never null or blank
     */
    public static String describe(Throwable e) {
        Throwable t = unwrap(e);
        String message = t.getMessage();
        boolean hasMessage = message != null && !message.isBlank();
        if (t instanceof CatdogException && hasMessage) {
            return message;
        }
        if (isCancellation(t)) {
            return "cancelled";
        }
        return "unexpected " + t.getClass().getSimpleName() + (hasMessage ? ": " + message : "");
    }
}

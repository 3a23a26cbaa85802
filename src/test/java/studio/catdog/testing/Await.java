package studio.catdog.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds, and fails the test loudly when the deadline passes: a poll that
 * runs out of time must never fall through to the next line as if the condition had held.
 */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {}

    /**
     * Waits until a condition holds.
     *
     * @param what what is awaited, for the failure message ("5 batches of training")
     * @param limit the deadline
     * @param condition the condition; an exception counts as "not yet" and is attached to the failure
     * @throws AssertionError when the condition does not hold within the limit
     */
    public static void until(String what, Duration limit, Callable<Boolean> condition) {
        until(what, limit, condition, () -> "");
    }

    /**
     * Waits until a condition holds.
     *
     * @param what what is awaited, for the failure message
     * @param limit the deadline
     * @param condition the condition; an exception counts as "not yet" and is attached to the failure
     * @param state describes the state at the deadline, for the failure message
     * @throws AssertionError when the condition does not hold within the limit
     */
    public static void until(String what, Duration limit, Callable<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                String seen;
                try {
                    seen = state.get();
                } catch (RuntimeException e) {
                    seen = "(state unavailable: " + e + ")";
                }
                throw new AssertionError(
                        String.format(
                                Locale.ROOT,
                                "Waited %.1f s for %s; it did not happen.%s",
                                limit.toMillis() / 1000.0,
                                what,
                                seen == null || seen.isEmpty() ? "" : " State: " + seen),
                        last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}

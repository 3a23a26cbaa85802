package studio.catdog.core.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that long work polls between steps; once cancelled it stays cancelled. */
public final class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the work to stop at its next check. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Throws if cancelled; call between units of work.
     *
     * @throws CancelledException when {@link #cancel()} was called
     */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}

package studio.catdog.ui.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the JavaFX application thread goes without running a pulse. An
 * {@link AnimationTimer} asks for a pulse every frame (about 60 a second); the largest gap between
 * two frames is the longest time the UI was frozen.
 */
public final class FxGapMonitor {

    private final AnimationTimer timer;
    private long last;
    private volatile long maxGapNanos;
    private volatile long frames;
    private volatile String maxGapContext = "";
    private final Map<String, Long> maxGapByContext = new ConcurrentHashMap<>();
    private Supplier<String> context = () -> "";

    /**
     * Creates a stopped monitor that also notes what was going on when the longest gap ended.
     *
     * @param context describes the moment (for example the training phase)
     */
    public FxGapMonitor(Supplier<String> context) {
        this();
        this.context = context;
    }

    /** Creates a stopped monitor. */
    public FxGapMonitor() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (last != 0) {
                    String c = context.get();
                    maxGapByContext.merge(c, t - last, Math::max);
                    if (t - last > maxGapNanos) {
                        maxGapNanos = t - last;
                        maxGapContext = c;
                    }
                }
                last = t;
                frames++;
            }
        };
    }

    /** Starts measuring (UI thread); resets the maximum. */
    public void start() {
        last = 0;
        maxGapNanos = 0;
        frames = 0;
        maxGapByContext.clear();
        timer.start();
    }

    /** Stops measuring (UI thread). */
    public void stop() {
        timer.stop();
    }

    /** @return the longest gap between two frames so far, in milliseconds */
    public double maxGapMillis() {
        return maxGapNanos / 1e6;
    }

    /** @return what was going on when the longest gap ended */
    public String maxGapContext() {
        return maxGapContext;
    }

    /**
     * @param context a value the context supplier returned
     * @return the longest gap that ended while the context had that value, in milliseconds (0 if none)
     */
    public double maxGapMillisDuring(String context) {
        return maxGapByContext.getOrDefault(context, 0L) / 1e6;
    }

    /** @return frames seen since {@link #start()} */
    public long frames() {
        return frames;
    }
}

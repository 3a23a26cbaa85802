package studio.catdog.ui;

import com.sun.javafx.perf.PerformanceTracker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when a window's first frame has reached the screen (issue 20: the start-up work waits for it, and the log
 * says how long the window stayed blank).
 *
 * <p>JavaFX has no public event for a frame that was drawn: its renderer reports each one, on the render thread, to
 * the scene's performance tracker ({@link PerformanceTracker}, internal, the one class here outside JavaFX's API).
 * That report is used where it can be reached: JavaFX on the class path ({@code java -jar}), or as modules that export
 * the package ({@code mvn javafx:run}, see the pom). Where it cannot (the installed Linux app's runtime holds JavaFX
 * as modules), the second pulse after the scene was laid out stands in for it: the first pulse hands the frame to
 * the renderer and the next one starts after the renderer took it. The stand-in also fires when the renderer has not
 * reported within {@link #PATIENCE} of that pulse, so the work never waits forever.
 */
final class FirstFrame {

    private static final Logger log = LoggerFactory.getLogger(FirstFrame.class);
    /** How long after the second pulse the renderer's report is waited for. */
    private static final Duration PATIENCE = Duration.seconds(2);

    private FirstFrame() {}

    /**
     * Calls an action once, on the UI thread, after the scene's first frame was drawn. Call before the window is
     * shown, on the UI thread.
     *
     * @param scene the window's scene
     * @param action what follows the first frame
     */
    static void whenDrawn(Scene scene, Consumer<FrameOnScreen> action) {
        AtomicBoolean fired = new AtomicBoolean();
        Object[] tracker = {null};
        Consumer<FrameOnScreen> once = drawn -> {
            if (fired.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    release(scene, tracker[0]);
                    action.accept(drawn);
                });
            }
        };
        tracker[0] = track(scene, () -> once.accept(new FrameOnScreen(System.nanoTime(), true)));
        afterSecondPulse(scene, () -> {
            if (tracker[0] == null) {
                once.accept(new FrameOnScreen(System.nanoTime(), false));
            } else {
                PauseTransition patience = new PauseTransition(PATIENCE);
                patience.setOnFinished(e -> once.accept(new FrameOnScreen(System.nanoTime(), false)));
                patience.play();
            }
        });
    }

    /** @return the scene's tracker, reporting each drawn frame to {@code onFrame}; null where it cannot be reached */
    private static Object track(Scene scene, Runnable onFrame) {
        try {
            return RendererReports.track(scene, onFrame);
        } catch (LinkageError | RuntimeException e) {
            // IllegalAccessError where javafx.graphics is a named module that does not export the package.
            log.debug("the renderer's frame reports cannot be reached ({}); the second pulse stands in", e.toString());
            return null;
        }
    }

    private static void release(Scene scene, Object tracker) {
        if (tracker != null) {
            RendererReports.release(scene, tracker);
        }
    }

    /**
     * The only code that names JavaFX's internal tracker, so that where it cannot be reached the error comes from
     * here, when {@link #track} first runs, and not from loading {@link FirstFrame}.
     */
    private static final class RendererReports {

        private RendererReports() {}

        static Object track(Scene scene, Runnable onFrame) {
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            tracker.setOnRenderedFrameTask(onFrame);
            return tracker;
        }

        static void release(Scene scene, Object tracker) {
            ((PerformanceTracker) tracker).setOnRenderedFrameTask(null);
            PerformanceTracker.releaseSceneTracker(scene);
        }
    }

    private static void afterSecondPulse(Scene scene, Runnable action) {
        int[] pulses = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (++pulses[0] == 1) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}

package studio.catdog.ui;

/**
 * When a window's first frame was drawn ({@link FirstFrame}).
 *
 * @param nanos {@link System#nanoTime()} at that moment
 * @param fromRenderer true when JavaFX's renderer reported it; false when the second pulse stands in for it
 */
record FrameOnScreen(long nanos, boolean fromRenderer) {}

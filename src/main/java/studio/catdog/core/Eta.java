package studio.catdog.core;

import java.util.Locale;

/** Time left in long work: the estimate and its words, the same in the app and on the command line. */
public final class Eta {

    private Eta() {}

    /**
     * Estimates the time left by the rate so far.
     *
     * @param elapsedSeconds time spent on the work done so far
     * @param done units done (images, epochs, batches)
     * @param total units in all
     * @return seconds left; NaN when nothing is done yet or the numbers make no sense
     */
    public static double secondsLeft(double elapsedSeconds, double done, double total) {
        if (!(done > 0) || !(total >= done) || !(elapsedSeconds >= 0) || Double.isInfinite(elapsedSeconds)) {
            return Double.NaN;
        }
        return elapsedSeconds / done * (total - done);
    }

    /**
     * The time left in words, as precise as an estimate deserves: seconds under a minute, whole
     * minutes under an hour, then hours and minutes.
     *
     * @param seconds time left; NaN, infinite or negative when unknown
     * @return "12 s left", "about 3 min left", "about 1 h 05 min left", or "" when unknown
     */
    public static String text(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s left";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return "about " + minutes + " min left";
        }
        return String.format(Locale.ROOT, "about %d h %02d min left", minutes / 60, minutes % 60);
    }
}

package studio.catdog.ui.common;

import java.util.Locale;
import studio.catdog.core.dataset.Split;

/**
 * Small text formats shared by the workspaces. Numbers follow the language of the texts ({@link Messages#locale()}):
 * a decimal point in English, a decimal comma in German.
 */
public final class Formats {

    private Formats() {}

    /**
     * @param bytes a size
     * @return "12 KB", "1.4 MB"
     */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Messages.locale(), "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * @param fraction 0..1
     * @return "97.5 %"
     */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Messages.locale(), "%.1f %%", fraction * 100);
    }

    /**
     * @param split a split of a data set
     * @return "training" or "test"
     */
    public static String split(Split split) {
        return split == Split.TRAIN ? Messages.get("common.split.training") : Messages.get("common.split.test");
    }

    /**
     * A number with a fixed count of decimals, like {@code String.format("%.3f", value)}.
     *
     * @param value the number
     * @param decimals digits after the decimal separator
     * @return "0.123" (English), "0,123" (German)
     */
    public static String decimal(double value, int decimals) {
        return String.format(Messages.locale(), "%." + decimals + "f", value);
    }

    /**
     * The time left in words, as precise as an estimate deserves (the words of {@code core.Eta.text}, which the
     * command line uses): seconds under a minute, whole minutes under an hour, then hours and minutes.
     *
     * @param seconds time left; NaN, infinite or negative when unknown
     * @return "12 s left", "about 3 min left", "about 1 h 05 min left", or "" when unknown
     */
    public static String timeLeft(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return Messages.get("common.etaSeconds", s);
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return Messages.get("common.etaMinutes", minutes);
        }
        return Messages.get("common.etaHours", minutes / 60, String.format(Locale.ROOT, "%02d", minutes % 60));
    }
}

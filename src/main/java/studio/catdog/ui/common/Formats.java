package studio.catdog.ui.common;

import java.util.Locale;

/** Small text formats shared by the workspaces. */
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
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * @param fraction 0..1
     * @return "97.5 %"
     */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}

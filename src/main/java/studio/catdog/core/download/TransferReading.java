package studio.catdog.core.download;

import java.util.Locale;
import studio.catdog.core.Eta;

/**
 * One reading of a {@link TransferMeter}.
 *
 * @param done bytes on disk
 * @param total the file's size, or -1 when unknown
 * @param bytesPerSecond the rate since the meter started; NaN before it is worth showing
 * @param etaSeconds seconds left; NaN when unknown
 */
public record TransferReading(long done, long total, double bytesPerSecond, double etaSeconds) {

    /** @return done / total in 0..1, or -1 when the total is unknown */
    public double fraction() {
        return total > 0 ? Math.min(1, (double) done / total) : -1;
    }

    /** @return e.g. "12.3 of 97.8 MB, 4.1 MB/s" (without the speed until there is one) */
    public String text() {
        String amount = total > 0 ? megabytes(done) + " of " + megabytes(total) + " MB" : megabytes(done) + " MB";
        return Double.isNaN(bytesPerSecond) ? amount : amount + ", " + megabytes((long) bytesPerSecond) + " MB/s";
    }

    /** @return {@link #text()} followed by the time left in words, when known */
    public String textWithEta() {
        String eta = Eta.text(etaSeconds);
        return eta.isEmpty() ? text() : text() + ", " + eta;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
}

package studio.catdog.cli;

import java.io.PrintStream;
import java.util.Locale;
import studio.catdog.core.Eta;
import studio.catdog.core.download.TransferReading;
import studio.catdog.core.jobs.JobListener;
import studio.catdog.core.jobs.JobProgress;

/**
 * A progress bar on standard error. On a terminal it redraws one line (at most 10 times a second);
 * when stderr is a file or pipe it prints a line per 10% so logs stay readable.
 */
final class ConsoleProgress {

    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;
    private String lastLabel = "";
    private int lastDecile = -1;

    ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    synchronized void update(String label, long done, long total, double etaSeconds) {
        draw(
                label,
                total > 0 && done >= total,
                total <= 0 ? 0 : Math.min(1.0, (double) done / total),
                done + "/" + total,
                eta(etaSeconds));
    }

    /**
     * Shows a download: bar, bytes, speed and time left ("12.3 of 97.8 MB, 4.1 MB/s, 20 s left").
     *
     * @param label what is downloaded
     * @param reading the meter's reading
     */
    synchronized void transfer(String label, TransferReading reading) {
        draw(
                label,
                reading.total() > 0 && reading.done() >= reading.total(),
                Math.max(0, reading.fraction()),
                reading.text(),
                eta(reading.etaSeconds()));
    }

    private void draw(String label, boolean finished, double fraction, String amount, String eta) {
        long now = System.nanoTime();
        if (interactive) {
            if (!finished && label.equals(lastLabel) && now - lastDraw < 100_000_000L) {
                return;
            }
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            out.print(String.format(
                    Locale.ROOT, "\r%-22s [%s] %3d%% %-44s", label, bar, Math.round(fraction * 100), amount + eta));
            if (finished) {
                out.println();
            }
            out.flush();
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (label.equals(lastLabel) && decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            out.println(String.format(Locale.ROOT, "%s: %s (%d%%)%s", label, amount, Math.round(fraction * 100), eta));
        }
        lastLabel = label;
        lastDraw = now;
    }

    /**
     * Shows a job's progress as it changes (a listener for {@link studio.catdog.core.jobs.Job#onChange}).
     *
     * @param fallbackLabel the label while the job names no step
     * @return the listener
     */
    JobListener follow(String fallbackLabel) {
        return job -> {
            JobProgress p = job.progress();
            if (p.total() > 0) {
                update(
                        p.step().isEmpty() ? fallbackLabel : p.step(),
                        (long) p.done(),
                        (long) p.total(),
                        p.etaSeconds());
            }
        };
    }

    private static String eta(double seconds) {
        String text = Eta.text(seconds);
        return text.isEmpty() ? "" : ", " + text;
    }

    synchronized void message(String text) {
        if (interactive && !lastLabel.isEmpty()) {
            out.println();
        }
        out.println(text);
        lastLabel = "";
    }
}

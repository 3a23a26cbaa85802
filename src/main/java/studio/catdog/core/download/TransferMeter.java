package studio.catdog.core.download;

import java.util.function.LongSupplier;
import studio.catdog.core.Eta;
import studio.catdog.core.jobs.JobContext;

/**
 * Speed and time left of one download, and their words ("12.3 of 97.8 MB, 4.1 MB/s"), the same in
 * the app and on the command line. The speed counts only bytes that came in while this meter
 * watched, so a resumed download does not look fast.
 */
public final class TransferMeter {

    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long startBytes;

    /**
     * Reports a download as a job's progress: bytes done and in all, the step in words with the
     * speed ("Downloading resnet50-onnx: 12.3 of 97.8 MB, 4.1 MB/s") and the time left, for the
     * status bar and the jobs list.
     *
     * @param step what is downloaded
     * @param context the job
     * @return the listener
     */
    public static TransferListener toJob(String step, JobContext context) {
        TransferMeter meter = new TransferMeter();
        return (done, total) -> {
            TransferReading r = meter.update(done, total);
            context.progress(step + ": " + r.text(), done, Math.max(0, total), r.etaSeconds());
        };
    }

    /** Creates a meter on the system clock. */
    public TransferMeter() {
        this(System::nanoTime);
    }

    /**
     * Creates a meter on a given clock (tests).
     *
     * @param nanoClock nanoseconds
     */
    public TransferMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Takes a reading; the first one is the baseline.
     *
     * @param done bytes on disk
     * @param total the file's size, or -1
     * @return the reading
     */
    public synchronized TransferReading update(long done, long total) {
        long now = nanoClock.getAsLong();
        if (startNanos < 0 || done < startBytes) {
            startNanos = now;
            startBytes = done;
        }
        double seconds = (now - startNanos) / 1e9;
        long moved = done - startBytes;
        // Under half a second the rate is mostly noise from the first chunks.
        double rate = seconds >= 0.5 && moved > 0 ? moved / seconds : Double.NaN;
        double eta =
                total > 0 && !Double.isNaN(rate) ? Eta.secondsLeft(seconds, moved, moved + (total - done)) : Double.NaN;
        return new TransferReading(done, total, rate, eta);
    }
}

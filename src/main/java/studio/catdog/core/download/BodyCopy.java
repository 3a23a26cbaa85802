package studio.catdog.core.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.DownloadException.Reason;

/**
 * The body part of {@link HttpFetcher#fetch}: bytes into the part file, and a watchdog thread that
 * closes the body when the job is cancelled or the server sends nothing for too long, so that neither
 * leaves the reading thread waiting.
 */
final class BodyCopy {

    private static final int CHUNK = 1 << 16;
    private static final long POLL_MS = 50;

    private BodyCopy() {}

    /**
     * Copies a response body into the part file, reporting progress after every chunk.
     *
     * @param url where it comes from (for messages)
     * @param body the response body
     * @param part the file; appended to when {@code start > 0}
     * @param start bytes already in the part
     * @param total the complete size, or -1
     * @param limit the most bytes the part may hold; a body that would go past it is refused
     *     ({@link Reason#WRONG_FILE}) and the part deleted
     * @param sink progress
     * @param token cancels between chunks, and closes the connection while it waits
     * @param stallTimeout how long the server may send nothing
     * @return the bytes in the part
     * @throws RetryableFailure when the connection dropped or stalled (a next try resumes)
     */
    static long copy(
            URI url,
            InputStream body,
            Path part,
            long start,
            long total,
            SizeLimit limit,
            TransferListener sink,
            CancellationToken token,
            Duration stallTimeout)
            throws RetryableFailure {
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        Thread watch = new Thread(() -> watch(body, lastData, stalled, token, stallTimeout), "catdog-download-watch");
        watch.setDaemon(true);
        watch.start();
        long done = start;
        boolean over = false;
        OutputStream out = null;
        try (InputStream in = body) {
            out = open(part, start > 0);
            sink.progress(done, total);
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (limit.bytes() >= 0 && done + n > limit.bytes()) {
                    over = true; // nothing past the limit is written
                    break;
                }
                write(out, buffer, n, part);
                done += n;
                lastData.set(System.nanoTime());
                sink.progress(done, total);
                token.throwIfCancelled();
            }
        } catch (IOException e) {
            token.throwIfCancelled(); // the watchdog closed it for the cancel
            throw new RetryableFailure(
                    stalled.get() ? stall(url, done, total, stallTimeout) : cut(url, done, total, e));
        } finally {
            watch.interrupt();
            close(out);
        }
        if (over) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // the message below says what happened; a later download starts the part again
            }
            throw new DownloadException(
                    Reason.WRONG_FILE,
                    String.format(
                            Locale.ROOT,
                            "%s sent more than the %s %,d bytes; the download was stopped and deleted",
                            url,
                            limit.words(),
                            limit.bytes()),
                    null);
        }
        token.throwIfCancelled();
        if (stalled.get()) {
            throw new RetryableFailure(stall(url, done, total, stallTimeout));
        }
        if (total >= 0 && done < total) {
            throw new RetryableFailure(cut(url, done, total, null));
        }
        return done;
    }

    /** Closes the body when the job is cancelled or the server sends nothing for too long. */
    private static void watch(
            InputStream body,
            AtomicLong lastData,
            AtomicBoolean stalled,
            CancellationToken token,
            Duration stallTimeout) {
        long limit = stallTimeout.toNanos();
        while (true) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return; // the download ended
            }
            boolean stall = System.nanoTime() - lastData.get() > limit;
            if (token.isCancelled() || stall) {
                stalled.set(stall && !token.isCancelled());
                close(body);
                return;
            }
        }
    }

    private static OutputStream open(Path part, boolean append) {
        try {
            return Files.newOutputStream(
                    part,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new DownloadException(Reason.DISK, "cannot write " + part + " (" + e.getMessage() + ")", e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n, Path part) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new DownloadException(Reason.DISK, "cannot write " + part + " (" + e.getMessage() + ")", e);
        }
    }

    private static DownloadException stall(URI url, long done, long total, Duration stallTimeout) {
        return new DownloadException(
                Reason.STALLED,
                url + " sent nothing for " + stallTimeout.toSeconds() + " s" + progressNote(done, total),
                null);
    }

    static DownloadException cut(URI url, long done, long total, IOException e) {
        return new DownloadException(
                Reason.CUT,
                "the connection to " + url.getHost() + " dropped" + progressNote(done, total)
                        + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                e);
    }

    private static String progressNote(long done, long total) {
        return total > 0 ? String.format(Locale.ROOT, " after %,d of %,d bytes", done, total) : "";
    }

    /** Closes quietly: the transfer already ended. */
    static void close(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing more to do
            }
        }
    }
}

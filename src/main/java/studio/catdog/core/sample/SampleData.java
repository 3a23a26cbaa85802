package studio.catdog.core.sample;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FileTrees;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.DownloadException.Reason;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.download.TransferListener;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.jobs.JobContext;

/**
 * Makes a cat-and-dog data set from Microsoft's Cats-vs-Dogs archive: downloads it (progress, resume,
 * cancel, free space checked first), checks it (names, layout, sizes, every entry's CRC-32), and lays
 * the photos out as {@code DIR/training_set/{cats,dogs}} and {@code DIR/test_set/{cats,dogs}} by a fixed
 * seeded split ({@link SampleSplit}), passing over every file the app's own decoder cannot read, each
 * with its reason.
 *
 * <p>The run is resumable and never touches a user's files: {@code DIR} must be new, empty, or an
 * earlier run's output (it holds {@value #STATE_FILE}); the archive is downloaded into {@code DIR}'s
 * hidden {@code .catdog/sample-data/} folder and deleted when the data set is complete. A second run
 * finishes an interrupted one (continuing the download, skipping the images already there) or, when
 * the first one finished, does nothing. Each image is written to a hidden temporary file and renamed
 * into place, so a name is either a complete image or absent; an existing file is never replaced.
 */
public final class SampleData {

    /** The step of the download, followed by ": " and the bytes, speed and time left. */
    public static final String DOWNLOAD_STEP = "Downloading the sample data set";
    /** The step that reads every entry of the archive once. */
    public static final String CHECK_STEP = "Checking the archive (CRC-32 of every file)";
    /** The step that decodes and writes the images, followed by ": cats" or ": dogs". */
    public static final String UNPACK_STEP = "Unpacking and decoding";

    /** The run's record inside the data set (hidden, so the scanner skips it). */
    static final String STATE_FILE = ".catdog/sample-data.json";
    /** Where the archive is downloaded, inside the data set; deleted when the data set is complete. */
    static final String WORK_DIR = ".catdog/sample-data";
    /** The archive's name in {@link #WORK_DIR}. */
    static final String ARCHIVE = "archive.zip";
    /** Room kept free beyond what the estimate needs. */
    static final long MARGIN_BYTES = 64L << 20;
    /** A download larger than this is not the archive (it is about 0.8 GB). */
    static final long MAX_ARCHIVE_BYTES = 4L << 30;

    private static final Logger log = LoggerFactory.getLogger(SampleData.class);

    /** Free space of the disk that holds a folder (a seam for tests). */
    @FunctionalInterface
    public interface FreeSpace {
        /**
         * @param existingDir an existing folder
         * @return the bytes this program may still write there
         * @throws IOException when the disk cannot be asked
         */
        long usableBytes(Path existingDir) throws IOException;
    }

    private final HttpFetcher fetcher;
    private final Supplier<SampleDataSource> source;
    private final boolean offline;
    private final FreeSpace freeSpace;
    private final int decodeThreads;

    /**
     * Creates the service.
     *
     * @param fetcher the HTTP client
     * @param source where the archive comes from, asked at every run (a setting may change)
     * @param offline whether downloads are off on this computer
     * @param freeSpace the free space of a folder's disk
     * @param decodeThreads threads that decode images while unpacking (at least 1)
     */
    public SampleData(
            HttpFetcher fetcher,
            Supplier<SampleDataSource> source,
            boolean offline,
            FreeSpace freeSpace,
            int decodeThreads) {
        this.fetcher = fetcher;
        this.source = source;
        this.offline = offline;
        this.freeSpace = freeSpace;
        this.decodeThreads = Math.max(1, decodeThreads);
    }

    /**
     * The standard set-up: Microsoft's archive or the {@value SampleDataSource#URL_ENV} mirror, DJL's
     * offline setting ({@code DJL_OFFLINE}, {@code -Dai.djl.offline}) switching downloads off, and one
     * decoding thread per core.
     *
     * @return the service
     */
    public static SampleData forThisMachine() {
        return new SampleData(
                new HttpFetcher(),
                SampleDataSource::fromEnvironment,
                Utils.isOfflineMode(),
                SampleData::usableSpace,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Makes (or finishes) the sample data set in a folder.
     *
     * @param dir the data set folder: new, empty, or an earlier run's
     * @param limitPerClass the images per class at most (split 2:1 into training and test); 0 for all
     * @param context the job's progress and cancel
     * @return what the folder holds
     * @throws CatdogException with a plain reason when the folder is not usable, the space is short,
     *     the download fails or the archive is not the expected one
     * @throws CancelledException when cancelled (what was done is kept, and the next run continues it)
     */
    public SampleDataResult run(Path dir, int limitPerClass, JobContext context) {
        if (limitPerClass < 0) {
            throw new IllegalArgumentException("the limit per class must be 0 (all) or more");
        }
        Path root = dir.toAbsolutePath().normalize();
        SampleDataState earlier = SampleFolder.earlierRun(root, limitPerClass);
        if (earlier != null && earlier.complete() && earlier.summary() != null) {
            return new SampleDataResult(root, earlier.summary(), true);
        }
        CancellationToken token = context.token();
        Path work = root.resolve(WORK_DIR);
        Path archive = work.resolve(ARCHIVE);
        SampleDataSource src = Files.isRegularFile(archive) ? null : source.get();
        long archiveSize = src == null ? -1 : archiveSize(src, token);
        if (src != null) {
            long have = SampleFolder.sizeOf(work.resolve(ARCHIVE + ".part"));
            long size = archiveSize > 0 ? archiveSize : src.nominalBytes();
            checkSpace(
                    root,
                    Math.max(0, size - have) + estimateUnpacked(size, limitPerClass, src.nominalImages()),
                    "to download the archive and unpack it");
        }
        SampleFolder.writeState(root, SampleFolder.state(urlOf(src, earlier), limitPerClass, null));
        SampleFolder.createPlainDirectories(root, work);
        if (src != null) {
            download(src, archiveSize, work, archive, context);
        }
        SampleDataSummary summary;
        try (SampleArchive zip = SampleArchive.open(archive)) {
            context.progress(CHECK_STEP, 0, zip.totalBytes(), Double.NaN);
            zip.verify(done -> context.progress(CHECK_STEP, done, zip.totalBytes(), Double.NaN), token);
            String sha256 = sha256(archive, token);
            checkSpace(root, SampleUnpacker.stillToUnpack(zip, root, limitPerClass), "to unpack the images");
            UnpackCounts counts = SampleUnpacker.unpack(zip, root, limitPerClass, decodeThreads, context);
            List<String> notices = SampleUnpacker.copyNotices(zip, root);
            summary = new SampleDataSummary(
                    counts.training(),
                    counts.test(),
                    counts.skipped(),
                    notices,
                    zip.ignored(),
                    limitPerClass,
                    SampleSplit.SEED,
                    SampleFolder.sizeOf(archive),
                    sha256);
        } catch (BadArchiveException e) {
            SampleFolder.deleteQuietly(archive);
            throw new CatdogException(
                    "The sample data archive was refused: " + e.getMessage() + ". The downloaded file was deleted"
                            + " and nothing more was unpacked; a new run downloads it again.",
                    e);
        }
        SampleFolder.writeState(root, SampleFolder.state(urlOf(src, earlier), limitPerClass, summary));
        FileTrees.deleteQuietly(work); // 0.8 GB that the data set no longer needs
        return new SampleDataResult(root, summary, false);
    }

    // ---- space ------------------------------------------------------------------------------------

    /** The unpacked size of the images a limit takes, from the archive's size (JPEGs do not compress). */
    static long estimateUnpacked(long archiveBytes, int limitPerClass, int nominalImages) {
        if (limitPerClass == 0) {
            return archiveBytes;
        }
        double share = Math.min(1.0, 2.0 * limitPerClass / nominalImages);
        return (long) Math.ceil(archiveBytes * share);
    }

    private void checkSpace(Path root, long neededBytes, String what) {
        long needed = neededBytes + MARGIN_BYTES;
        Path existing = root;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free;
        try {
            free = freeSpace.usableBytes(existing);
        } catch (IOException e) {
            log.warn("cannot read the free space of {}: {}", existing, e.getMessage());
            return; // a disk that cannot say fails at the first write instead, with its own message
        }
        if (free < needed) {
            throw new CatdogException(String.format(
                    Locale.ROOT,
                    "Not enough free space for the sample data set in %s: about %,d MB are needed %s, %,d MB are"
                            + " free. Free some space, choose a smaller limit, or choose a folder on another disk.",
                    root,
                    megabytes(needed),
                    what,
                    megabytes(free)));
        }
    }

    private static long megabytes(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }

    /** Free space by the folder's file store. */
    static long usableSpace(Path existingDir) throws IOException {
        FileStore store = Files.getFileStore(existingDir);
        return store.getUsableSpace();
    }

    // ---- the download -----------------------------------------------------------------------------

    /** The size the server announces, -1 when it does not say; fails early when offline or unreachable. */
    private long archiveSize(SampleDataSource src, CancellationToken token) {
        if (offline) {
            throw new DownloadException(
                    Reason.OFFLINE,
                    "The sample data set was not downloaded: downloads are off on this computer (offline mode,"
                            + " DJL_OFFLINE or -Dai.djl.offline).",
                    null);
        }
        try {
            long size = fetcher.contentLength(src.url(), token);
            if (size > MAX_ARCHIVE_BYTES) {
                throw new DownloadException(
                        Reason.WRONG_FILE,
                        String.format(
                                Locale.ROOT,
                                "%s offers %,d bytes, far more than the Cats-vs-Dogs archive (about %,d)",
                                src.url(),
                                size,
                                src.nominalBytes()),
                        null);
            }
            return size;
        } catch (DownloadException e) {
            if (e.reason() == Reason.REFUSED) {
                return -1; // a server that does not answer HEAD may still serve the file
            }
            throw advised(src, e);
        }
    }

    private void download(SampleDataSource src, long size, Path work, Path archive, JobContext context) {
        Path part = work.resolve(ARCHIVE + ".part");
        TransferListener toJob = TransferMeter.toJob(DOWNLOAD_STEP, context);
        TransferListener capped = (done, total) -> {
            if (done > MAX_ARCHIVE_BYTES) {
                throw new DownloadException(
                        Reason.WRONG_FILE,
                        String.format(
                                Locale.ROOT,
                                "%s sent more than %,d bytes, far more than the Cats-vs-Dogs archive",
                                src.url(),
                                MAX_ARCHIVE_BYTES),
                        null);
            }
            toJob.progress(done, total);
        };
        try {
            fetcher.fetch(src.url(), part, size > 0 ? size : -1, capped, context.token());
        } catch (DownloadException e) {
            if (e.reason() == Reason.WRONG_FILE) {
                SampleFolder.deleteQuietly(part);
            }
            throw advised(src, e);
        }
        try {
            try {
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, archive);
            }
        } catch (IOException e) {
            throw new CatdogException("cannot rename " + part + " (" + e.getMessage() + ")", e);
        }
    }

    /** The fetcher's message with what to do about it here. */
    private static DownloadException advised(SampleDataSource src, DownloadException e) {
        String advice = switch (e.reason()) {
            case UNREACHABLE, OFFLINE, STALLED, CUT ->
                " The sample data set needs the network once; run"
                        + " again later (a partial download continues where it stopped), or set "
                        + SampleDataSource.URL_ENV + " to a mirror of the archive.";
            case NOT_FOUND ->
                src.fromSetting()
                        ? " Check " + SampleDataSource.URL_ENV + " (" + src.url() + ")."
                        : " Microsoft may have moved the archive; set " + SampleDataSource.URL_ENV
                                + " to a copy of kagglecatsanddogs_5340.zip.";
            default -> "";
        };
        String message = e.getMessage().startsWith("The sample data set") ? e.getMessage() : e.getMessage() + ".";
        return new DownloadException(e.reason(), message + advice, e);
    }

    private static String sha256(Path file, CancellationToken token) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                token.throwIfCancelled();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new CatdogException("cannot read " + file + " (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String urlOf(SampleDataSource src, SampleDataState earlier) {
        if (src != null) {
            return src.url().toString();
        }
        return earlier == null ? null : earlier.url();
    }
}

package studio.catdog.core.sample;

import ai.djl.util.Utils;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Eta;
import studio.catdog.core.FileTrees;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.DownloadException.Reason;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.download.TransferListener;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.image.UnreadableImageException;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.sample.SampleArchive.Candidate;
import studio.catdog.core.sample.SampleSplit.Part;

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
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final int STATE_FORMAT = 1;
    /** Candidates decoded together: enough to keep every core busy, bounded in memory. */
    private static final int CHUNK_FILES = 32;

    private static final long CHUNK_BYTES = 64L << 20;

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

    /** The record in {@link #STATE_FILE}; {@code summary} is set once the data set is complete. */
    record State(
            int format, String createdBy, String url, int limitPerClass, boolean complete, SampleDataSummary summary) {}

    /** What looking at one candidate found: its bytes when it is a usable image, or the reason it is not. */
    private record Look(byte[] bytes, String reason) {}

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
        State earlier = earlierRun(root, limitPerClass);
        if (earlier != null && earlier.complete() && earlier.summary() != null) {
            return new SampleDataResult(root, earlier.summary(), true);
        }
        CancellationToken token = context.token();
        Path work = root.resolve(WORK_DIR);
        Path archive = work.resolve(ARCHIVE);
        SampleDataSource src = Files.isRegularFile(archive) ? null : source.get();
        long archiveSize = src == null ? -1 : archiveSize(src, token);
        if (src != null) {
            long have = sizeOf(work.resolve(ARCHIVE + ".part"));
            long size = archiveSize > 0 ? archiveSize : src.nominalBytes();
            checkSpace(
                    root,
                    Math.max(0, size - have) + estimateUnpacked(size, limitPerClass, src.nominalImages()),
                    "to download the archive and unpack it");
        }
        writeState(root, new State(STATE_FORMAT, createdBy(), urlOf(src, earlier), limitPerClass, false, null));
        createPlainDirectories(root, work);
        if (src != null) {
            download(src, archiveSize, work, archive, context);
        }
        SampleDataSummary summary;
        try (SampleArchive zip = SampleArchive.open(archive)) {
            context.progress(CHECK_STEP, 0, zip.totalBytes(), Double.NaN);
            zip.verify(done -> context.progress(CHECK_STEP, done, zip.totalBytes(), Double.NaN), token);
            String sha256 = sha256(archive, token);
            checkSpace(root, stillToUnpack(zip, root, limitPerClass), "to unpack the images");
            Counts counts = unpack(zip, root, limitPerClass, context);
            List<String> notices = copyNotices(zip, root);
            summary = new SampleDataSummary(
                    counts.training(),
                    counts.test(),
                    counts.skipped(),
                    notices,
                    zip.ignored(),
                    limitPerClass,
                    SampleSplit.SEED,
                    sizeOf(archive),
                    sha256);
        } catch (BadArchiveException e) {
            deleteQuietly(archive);
            throw new CatdogException(
                    "The sample data archive was refused: " + e.getMessage() + ". The downloaded file was deleted"
                            + " and nothing more was unpacked; a new run downloads it again.",
                    e);
        }
        writeState(root, new State(STATE_FORMAT, createdBy(), urlOf(src, earlier), limitPerClass, true, summary));
        FileTrees.deleteQuietly(work); // 0.8 GB that the data set no longer needs
        return new SampleDataResult(root, summary, false);
    }

    // ---- the folder -------------------------------------------------------------------------------

    /**
     * Reads an earlier run's record, or refuses a folder this command did not make.
     *
     * @return the record, or null for a new or empty folder
     */
    private static State earlierRun(Path root, int limitPerClass) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new CatdogException(root + " is a file, not a folder. Choose a new or empty folder.");
        }
        Path stateFile = root.resolve(STATE_FILE);
        if (Files.isRegularFile(stateFile, LinkOption.NOFOLLOW_LINKS)) {
            State s = readState(stateFile);
            if (s.limitPerClass() != limitPerClass) {
                throw new CatdogException(String.format(
                        Locale.ROOT,
                        "%s holds a sample data set made with %s; run again with the same limit to finish or"
                                + " check it, or choose another folder.",
                        root,
                        limitWords(s.limitPerClass())));
            }
            return s;
        }
        if (Files.isDirectory(root) && !isEmpty(root)) {
            throw new CatdogException(root + " is not empty and was not made by the sample data download; it"
                    + " is left as it is. Choose a new or empty folder.");
        }
        return null;
    }

    private static String limitWords(int limitPerClass) {
        return limitPerClass == 0
                ? "all images"
                : String.format(Locale.ROOT, "a limit of %,d images per class", limitPerClass);
    }

    private static State readState(Path stateFile) {
        try {
            State s = GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), State.class);
            if (s == null || s.format() != STATE_FORMAT) {
                throw new JsonParseException("unknown format");
            }
            return s;
        } catch (IOException | JsonParseException e) {
            throw new CatdogException(
                    stateFile + " cannot be read (" + e.getMessage() + "); the folder is left as it is."
                            + " Choose a new or empty folder.",
                    e);
        }
    }

    private static void writeState(Path root, State state) {
        try {
            AtomicFiles.writeString(root.resolve(STATE_FILE), GSON.toJson(state));
        } catch (IOException e) {
            throw new CatdogException("cannot write in " + root + " (" + e.getMessage() + ")", e);
        }
    }

    private static String createdBy() {
        return "CatDog Studio sample data download";
    }

    private static String urlOf(SampleDataSource src, State earlier) {
        if (src != null) {
            return src.url().toString();
        }
        return earlier == null ? null : earlier.url();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new CatdogException("cannot read " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    /** Creates folders under the data set, refusing a link where a folder should be. */
    private static void createPlainDirectories(Path root, Path... dirs) {
        for (Path d : dirs) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new CatdogException("cannot create " + d + " (" + e.getMessage() + ")", e);
            }
            for (Path p = d; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new CatdogException(p + " is a link, not a folder; the sample data set is only written"
                            + " into plain folders. Choose a new or empty folder.");
                }
            }
        }
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

    /**
     * The declared bytes of the images still to be written: each class's first {@code limit} files in
     * the seeded order (a tenth more, for the broken ones passed over) that are not on disk yet.
     */
    private static long stillToUnpack(SampleArchive zip, Path root, int limitPerClass) {
        long bytes = 0;
        int classIndex = 0;
        for (Map.Entry<String, List<Candidate>> cls : zip.candidates().entrySet()) {
            List<Candidate> order = SampleSplit.order(cls.getValue(), classIndex++);
            int n = limitPerClass == 0 ? order.size() : Math.min(order.size(), limitPerClass + limitPerClass / 10 + 1);
            for (Candidate c : order.subList(0, n)) {
                if (existing(root, c) == null) {
                    bytes += c.size();
                }
            }
        }
        return bytes;
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
                deleteQuietly(part);
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

    // ---- unpacking --------------------------------------------------------------------------------

    /** What the unpacking counted. */
    private record Counts(Map<String, Integer> training, Map<String, Integer> test, List<SkippedImage> skipped) {}

    private Counts unpack(SampleArchive zip, Path root, int limitPerClass, JobContext context) {
        Map<String, Integer> training = new LinkedHashMap<>();
        Map<String, Integer> test = new LinkedHashMap<>();
        List<SkippedImage> skipped = new ArrayList<>();
        int planned = 0;
        for (List<Candidate> list : zip.candidates().values()) {
            planned += limitPerClass == 0 ? list.size() : Math.min(limitPerClass, list.size());
        }
        long start = System.nanoTime();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, r -> {
            Thread t = new Thread(r, "catdog-sample-decode-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int takenAll = 0;
            int classIndex = 0;
            for (Map.Entry<String, List<Candidate>> cls : zip.candidates().entrySet()) {
                String name = cls.getKey();
                Path trainDir = root.resolve(Part.TRAINING.folder()).resolve(name);
                Path testDir = root.resolve(Part.TEST.folder()).resolve(name);
                createPlainDirectories(root, trainDir, testDir);
                training.put(name, 0);
                test.put(name, 0);
                List<Candidate> order = SampleSplit.order(cls.getValue(), classIndex++);
                int taken = 0;
                int next = 0;
                String step = UNPACK_STEP + ": " + name;
                while (next < order.size() && (limitPerClass == 0 || taken < limitPerClass)) {
                    List<Candidate> chunk = chunk(order, next);
                    next += chunk.size();
                    List<Future<Look>> looks = new ArrayList<>();
                    for (Candidate c : chunk) {
                        looks.add(existing(root, c) == null ? pool.submit(() -> look(zip, c)) : null);
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        if (limitPerClass != 0 && taken >= limitPerClass) {
                            break;
                        }
                        context.throwIfCancelled();
                        Candidate c = chunk.get(i);
                        Part where = looks.get(i) == null
                                ? existingPart(root, c)
                                : place(root, c, taken, await(looks.get(i)), skipped);
                        if (where != null) {
                            taken++;
                            takenAll++;
                            (where == Part.TRAINING ? training : test).merge(name, 1, Integer::sum);
                        }
                        context.progress(step, takenAll, planned, eta(start, takenAll, planned));
                    }
                    looks.forEach(f -> {
                        if (f != null) {
                            f.cancel(true);
                        }
                    });
                }
            }
        } finally {
            pool.shutdownNow();
        }
        skipped.sort(Comparator.comparing(SkippedImage::entry));
        return new Counts(training, test, skipped);
    }

    /** The time left, once there is enough behind to tell (the first images say little). */
    private static double eta(long startNanos, int done, int total) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds < 2 || done * 50L < total ? Double.NaN : Eta.secondsLeft(seconds, done, total);
    }

    /** The next candidates to decode together: at most {@link #CHUNK_FILES}, and about {@link #CHUNK_BYTES}. */
    private static List<Candidate> chunk(List<Candidate> order, int from) {
        int to = from;
        long bytes = 0;
        while (to < order.size()
                && to - from < CHUNK_FILES
                && (to == from || bytes + order.get(to).size() <= CHUNK_BYTES)) {
            bytes += order.get(to).size();
            to++;
        }
        return order.subList(from, to);
    }

    /** Reads a candidate (CRC-checked) and decodes it with the app's decoder: its bytes, or why not. */
    private static Look look(SampleArchive zip, Candidate c) {
        if (!ImageFiles.hasImageExtension(Path.of(c.fileName()))) {
            return new Look(null, "not an image file (" + c.fileName() + ")");
        }
        byte[] bytes = zip.read(c);
        try {
            ImageDecoder.decode(bytes);
            return new Look(bytes, null);
        } catch (UnreadableImageException e) {
            return new Look(null, e.getMessage());
        }
    }

    private static Look await(Future<Look> look) {
        try {
            return look.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CatdogException("unpacking failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Writes a usable image where the split puts it, or records why it was passed over.
     *
     * @return where it went, or null when it was skipped
     */
    private static Part place(Path root, Candidate c, int takenIndex, Look look, List<SkippedImage> skipped) {
        if (look.reason() != null) {
            skipped.add(new SkippedImage(c.name(), look.reason()));
            return null;
        }
        Part part = SampleSplit.partOf(takenIndex);
        Path dir = root.resolve(part.folder()).resolve(c.className());
        Path target = dir.resolve(c.fileName());
        if (!target.normalize().startsWith(root)) {
            throw new IllegalStateException("unpacking outside the data set: " + target); // names are checked before
        }
        Path tmp = dir.resolve("." + c.fileName() + ".part");
        try {
            Files.write(tmp, look.bytes());
            Files.move(tmp, target); // no REPLACE_EXISTING: a file already there is never overwritten
            return part;
        } catch (FileAlreadyExistsException e) {
            skipped.add(new SkippedImage(
                    c.name(),
                    "a file named " + c.fileName() + " is already in " + root.relativize(dir)
                            + "; it was left as it is"));
            return null;
        } catch (IOException e) {
            throw new CatdogException("cannot write " + target + " (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Copies the archive's licence and read-me into the data set folder (the licence asks to travel
     * with the data); a file of that name already there is left as it is.
     *
     * @return the names copied or already there
     */
    private static List<String> copyNotices(SampleArchive zip, Path root) {
        List<String> names = new ArrayList<>();
        for (Candidate c : zip.notices()) {
            Path target = root.resolve(c.fileName());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path tmp = root.resolve("." + c.fileName() + ".part");
                try {
                    Files.write(tmp, zip.read(c));
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException e) {
                    continue; // appeared meanwhile: not ours to replace
                } catch (IOException e) {
                    throw new CatdogException("cannot write " + target + " (" + e.getMessage() + ")", e);
                } finally {
                    deleteQuietly(tmp);
                }
            }
            names.add(c.fileName());
        }
        return names;
    }

    /** The file an earlier run wrote for a candidate, in either set, or null. */
    private static Path existing(Path root, Candidate c) {
        for (Part p : Part.values()) {
            Path f = root.resolve(p.folder()).resolve(c.className()).resolve(c.fileName());
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && sizeOf(f) == c.size()) {
                return f;
            }
        }
        return null;
    }

    private static Part existingPart(Path root, Candidate c) {
        Path f = existing(root, c);
        return f != null && f.getParent().getParent().getFileName().toString().equals(Part.TEST.folder())
                ? Part.TEST
                : Part.TRAINING;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}

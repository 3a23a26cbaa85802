package studio.catdog.core.backbone;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FileTrees;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.download.TransferListener;

/**
 * Downloads the CUDA build of libtorch into DJL's engine cache, in the layout DJL itself uses, so that
 * {@link Engines} finds it at the next engine start. Runs only when the user asked for it.
 *
 * <p>DJL publishes each libtorch as gzipped files listed in {@code <base>/<version>/files.txt}, one
 * path a line ({@code <flavor>/<classifier>/native/lib/<name>.gz}); DJL gunzips the files of one
 * flavor and platform into {@code <cache>/<version>-<flavor>-<classifier>/}. This class does the same,
 * but with progress, cancellation, a lock against a second download, and all files first in a
 * temporary folder that is renamed into place at the end: the final folder never holds a partial
 * library. On any failure nothing is left behind and the engine stays on the CPU.
 *
 * <p>Integrity: the files come over HTTPS from DJL's own server, but DJL's index carries no checksums, and
 * this is native code: every file is pinned ({@link LibraryPin}: the gzipped file's size and SHA-256 and
 * the most bytes it may unpack to). A file the server lists without a pin, a pinned file it no longer
 * lists, more bytes than pinned or another checksum is refused before anything is unpacked or installed;
 * without pins for this build nothing is downloaded. The gzip CRC and length are checked as well. The HTTP
 * part (resume after a dropped connection, time limits, cancel, size caps) is {@link HttpFetcher}'s.
 */
public final class CudaLibraryDownload {

    private static final Logger log = LoggerFactory.getLogger(CudaLibraryDownload.class);

    /** DJL's server for libtorch builds. */
    public static final URI DJL_BASE_URL = URI.create("https://publish.djl.ai/pytorch/");

    private static final int BUFFER = 1 << 16;

    private final URI baseUrl;
    private final Path engineCacheDir;
    private final String classifier;
    private final boolean offline;
    private final HttpFetcher fetcher;
    private final Map<String, LibraryPin> pins;

    /**
     * Creates a download of the {@link Engines#CUDA_FLAVOR} libtorch {@link Engines#LIBTORCH_VERSION}.
     *
     * @param baseUrl the server folder that holds {@code <version>/files.txt} (tests use a local server)
     * @param engineCacheDir DJL's PyTorch engine cache, where the library folder is created
     * @param classifier DJL's platform name, e.g. {@code linux-x86_64}
     * @param offline whether downloads are forbidden (then {@link #download} refuses)
     */
    public CudaLibraryDownload(URI baseUrl, Path engineCacheDir, String classifier, boolean offline) {
        this(baseUrl, engineCacheDir, classifier, offline, new HttpFetcher());
    }

    /**
     * Creates the download with a given HTTP client (tests shorten its time limits).
     *
     * @param baseUrl the server folder that holds {@code <version>/files.txt}
     * @param engineCacheDir DJL's PyTorch engine cache, where the library folder is created
     * @param classifier DJL's platform name, e.g. {@code linux-x86_64}
     * @param offline whether downloads are forbidden
     * @param fetcher the HTTP client
     */
    public CudaLibraryDownload(
            URI baseUrl, Path engineCacheDir, String classifier, boolean offline, HttpFetcher fetcher) {
        this(baseUrl, engineCacheDir, classifier, offline, fetcher, LibraryPin.shipped(LibtorchBuild.LIBTORCH_VERSION));
    }

    /**
     * Creates the download with given pins (tests pin their own server's files).
     *
     * @param baseUrl the server folder that holds {@code <version>/files.txt}
     * @param engineCacheDir DJL's PyTorch engine cache, where the library folder is created
     * @param classifier DJL's platform name, e.g. {@code linux-x86_64}
     * @param offline whether downloads are forbidden
     * @param fetcher the HTTP client
     * @param pins the files that may be downloaded, with their sizes and SHA-256
     */
    public CudaLibraryDownload(
            URI baseUrl,
            Path engineCacheDir,
            String classifier,
            boolean offline,
            HttpFetcher fetcher,
            List<LibraryPin> pins) {
        this.fetcher = fetcher;
        this.pins = new LinkedHashMap<>();
        for (LibraryPin pin : pins) {
            if (pin.version().equals(LibtorchBuild.LIBTORCH_VERSION)) {
                this.pins.put(pin.entry(), pin);
            }
        }
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.engineCacheDir = engineCacheDir;
        this.classifier = classifier;
        this.offline = offline;
    }

    /**
     * The download for this machine: DJL's server, DJL's cache folder, DJL's offline setting.
     *
     * @return the download, not started
     * @throws CatdogException where DJL publishes no CUDA libtorch for this system
     */
    public static CudaLibraryDownload forThisMachine() {
        String classifier =
                MachineProbe.cudaClassifier(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (classifier == null) {
            throw new CatdogException("DJL publishes no CUDA libtorch for this system (" + System.getProperty("os.name")
                    + ", " + System.getProperty("os.arch") + "): PyTorch runs on the CPU.");
        }
        return new CudaLibraryDownload(
                DJL_BASE_URL, MachineProbe.engineCacheDir(), classifier, MachineProbe.isOffline());
    }

    /** @return the folder the library will be in, where {@link Engines#plan} looks for it */
    public Path targetDir() {
        return DevicePlanner.cudaLibraryDir(engineCacheDir, LibtorchBuild.CUDA_FLAVOR, classifier);
    }

    /** @return whether the library is already there (then {@link #download} does nothing) */
    public boolean isPresent() {
        return DevicePlanner.isLibrary(targetDir());
    }

    /**
     * Downloads and unpacks the library, unless it is already there.
     *
     * @param listener receives progress; may be null
     * @param token cancels between chunks
     * @return the library folder
     * @throws CatdogException when it fails, with a plain reason; nothing is left behind
     * @throws studio.catdog.core.concurrent.CancelledException when cancelled; nothing is left behind
     */
    public Path download(TransferListener listener, CancellationToken token) {
        Path target = targetDir();
        if (DevicePlanner.isLibrary(target)) {
            return target;
        }
        if (offline) {
            throw failure("downloads are off (offline mode)", null);
        }
        Path tmp = engineCacheDir.resolve("." + target.getFileName() + ".download");
        try {
            Files.createDirectories(engineCacheDir);
            try (FileChannel lockFile = FileChannel.open(
                            engineCacheDir.resolve("." + target.getFileName() + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock lock = CacheFiles.tryLock(lockFile)) {
                if (lock == null) {
                    throw new CatdogException(
                            "Another download of the CUDA libtorch is running; wait for it to finish.");
                }
                if (DevicePlanner.isLibrary(target)) {
                    return target; // the other download finished meanwhile
                }
                // Holding the lock, a temporary folder is a leftover of an interrupted download.
                FileTrees.deleteQuietly(tmp);
                try {
                    Files.createDirectories(tmp);
                    fetchAll(tmp, listener == null ? TransferListener.NONE : listener, token);
                    // A folder without the library (DJL never leaves one, but a user might) is set aside.
                    AtomicFiles.replaceFolder(tmp, target, "old", () -> {});
                } finally {
                    FileTrees.deleteQuietly(tmp);
                }
                log.info("CUDA libtorch downloaded to {}", target);
                return target;
            }
        } catch (DownloadException e) {
            throw failure(e.getMessage(), e);
        } catch (IOException e) {
            throw failure(describe(e), e);
        }
    }

    private void fetchAll(Path tmp, TransferListener listener, CancellationToken token) throws IOException {
        String version = LibtorchBuild.LIBTORCH_VERSION;
        URI index = baseUrl.resolve(version + "/files.txt");
        List<String> entries = new ArrayList<>();
        String prefix = LibtorchBuild.CUDA_FLAVOR + "/" + classifier + "/";
        for (String line : fetcher.lines(index, token)) {
            String l = line.trim();
            if (l.startsWith(prefix) && l.endsWith(".gz")) {
                entries.add(l);
            }
        }
        if (entries.isEmpty()) {
            throw new CatdogException(failureText("the server lists no " + LibtorchBuild.CUDA_FLAVOR + " libtorch for "
                    + classifier + " (" + index + ")"));
        }
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            names.add(fileName(entry)); // refuses names that would leave the folder, pinned or not
        }
        List<LibraryPin> wanted = pinsFor(prefix, entries);
        long total = wanted.stream().mapToLong(LibraryPin::gzBytes).sum();
        checkSpace(total);
        listener.progress(0, total);
        long before = 0;
        for (int i = 0; i < wanted.size(); i++) {
            token.throwIfCancelled();
            LibraryPin pin = wanted.get(i);
            long offset = before;
            Path gz = tmp.resolve(names.get(i) + ".gz.part");
            // The pinned size caps what is written; the checksum is checked before anything is unpacked.
            fetcher.fetch(
                    resolve(version + "/" + pin.entry()),
                    gz,
                    pin.gzBytes(),
                    (done, t) -> listener.progress(offset + done, total),
                    token);
            String sha = BackboneFactory.sha256(gz);
            if (!sha.equals(pin.gzSha256())) {
                throw new CatdogException(failureText(pin.entry() + " from the server is not the pinned file (its "
                        + "SHA-256 is " + sha + ", expected " + pin.gzSha256() + "); it was deleted"));
            }
            String name = names.get(i);
            CacheFiles.gunzip(
                    gz,
                    tmp.resolve(name),
                    pin.maxUnpackedBytes(),
                    () -> new CatdogException(failureText(String.format(
                            Locale.ROOT,
                            "%s unpacks to more than its pinned %,d bytes",
                            name,
                            pin.maxUnpackedBytes()))),
                    token);
            Files.delete(gz);
            before += pin.gzBytes();
        }
        if (!Files.isRegularFile(tmp.resolve(System.mapLibraryName("torch")))) {
            throw new CatdogException(failureText("the server's list has no " + System.mapLibraryName("torch")));
        }
    }

    /**
     * The pins of the files the server lists for this flavour and platform, in its order; refuses when
     * any listed file is not pinned, or a pinned one is not listed, so only verified native code is
     * ever downloaded.
     */
    private List<LibraryPin> pinsFor(String prefix, List<String> entries) {
        List<String> pinned =
                pins.keySet().stream().filter(e -> e.startsWith(prefix)).toList();
        if (pinned.isEmpty()) {
            throw new CatdogException(failureText("this version of CatDog Studio has no pinned checksums for the "
                    + LibtorchBuild.CUDA_FLAVOR + " libtorch " + LibtorchBuild.LIBTORCH_VERSION + " on " + classifier
                    + ", and it downloads no native code it cannot verify. Install that libtorch yourself and set "
                    + "PYTORCH_LIBRARY_PATH to its lib folder (and PYTORCH_VERSION=" + LibtorchBuild.LIBTORCH_VERSION
                    + ")"));
        }
        List<LibraryPin> wanted = new ArrayList<>();
        for (String entry : entries) {
            LibraryPin pin = pins.get(entry);
            if (pin == null) {
                throw new CatdogException(failureText("the server lists " + entry + ", which is not one of the files "
                        + "pinned in this version of CatDog Studio"));
            }
            wanted.add(pin);
        }
        for (String entry : pinned) {
            if (!entries.contains(entry)) {
                throw new CatdogException(failureText("the server no longer lists the pinned file " + entry));
            }
        }
        return wanted;
    }

    private URI resolve(String path) throws IOException {
        try {
            return baseUrl.resolve(path);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's list has an unusable entry: " + path, e);
        }
    }

    /** The file name DJL gives an index entry; refuses names that would leave the folder. */
    static String fileName(String entry) throws IOException {
        String last = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - ".gz".length());
        String name;
        try {
            name = URLDecoder.decode(last, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's list has an unusable entry: " + entry, e);
        }
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.contains("/")
                || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw new IOException("the server's list has an unusable entry: " + entry);
        }
        return name;
    }

    private void checkSpace(long total) throws IOException {
        if (total <= 0) {
            return;
        }
        long free = Files.getFileStore(engineCacheDir).getUsableSpace();
        long needed = 2 * total; // unpacked, the libraries are larger than the download
        if (free < needed) {
            throw new CatdogException(failureText(String.format(
                    Locale.ROOT,
                    "it needs about %.1f GB of disk space in %s and %.1f GB are free",
                    needed / 1e9,
                    engineCacheDir,
                    free / 1e9)));
        }
    }

    private static CatdogException failure(String why, Throwable cause) {
        return new CatdogException(failureText(why), cause);
    }

    private static String failureText(String why) {
        return "The CUDA libtorch could not be downloaded: " + why
                + ". Nothing was installed; PyTorch stays on the CPU.";
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null ? type : type.equals("IOException") ? m : type + ": " + m;
    }
}

package studio.catdog.core.backbone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AppPaths;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.DownloadException.Reason;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.download.TransferListener;

/**
 * The folder of downloaded backbone files ({@code <cache>/backbones}): downloads a {@link PinnedModel}
 * once, verifies it, installs it, and checks it again before each use.
 *
 * <p>A download goes to {@code <file>.part} (kept after a cut or cancel, so the next try resumes), is
 * checked by size and then checksum, unpacked when it came gzipped, and renamed into place: the final
 * name never holds a partial or unverified file. A file that is not the pinned one is refused with both
 * checksums named, and deleted. {@link #importFile} takes a file the user downloaded elsewhere, by its
 * checksum alone.
 */
public final class BackboneStore {

    private static final Logger log = LoggerFactory.getLogger(BackboneStore.class);

    /** What works without this download, for every failure message (the app and the CLI). */
    public static final String OTHER_CHOICES = "Other choices: builtin (MobileNetV2, built in, works offline), "
            + "another ResNet50 form (resnet50-onnx, resnet50-onnx-int8, resnet50-torchscript), a local .onnx or .pt "
            + "model file, or a ResNet50 file downloaded elsewhere, imported by its checksum with "
            + "'catdog backbone import FILE' (in the app: Use a file I downloaded…).";

    private final Path dir;
    private final ModelSources sources;
    private final HttpFetcher fetcher;
    private final boolean offline;

    /**
     * Creates the store.
     *
     * @param dir the folder (created when the first file arrives)
     * @param sources the catalogue
     * @param fetcher the HTTP client
     * @param offline whether downloads are off (then {@link #install} refuses without the network)
     */
    public BackboneStore(Path dir, ModelSources sources, HttpFetcher fetcher, boolean offline) {
        this.dir = dir;
        this.sources = sources;
        this.fetcher = fetcher;
        this.offline = offline;
    }

    /**
     * The store of this user: the cache folder's {@code backbones}, the pinned catalogue with this
     * process's mirror override, DJL's offline setting.
     *
     * @param paths where the app's folders are
     * @return the store
     */
    public static BackboneStore forUser(AppPaths paths) {
        return new BackboneStore(
                paths.cacheDir().resolve("backbones"),
                ModelSources.fromEnvironment(),
                new HttpFetcher(),
                Engines.isOffline());
    }

    /** @return the catalogue */
    public ModelSources sources() {
        return sources;
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * @param m an entry
     * @return where its file is (or will be) installed
     */
    public Path path(PinnedModel m) {
        return dir.resolve(m.fileName());
    }

    /**
     * @param m an entry
     * @return whether its file is installed (it is verified again when used)
     */
    public boolean isInstalled(PinnedModel m) {
        return Files.isRegularFile(path(m)) && (m.sha256() != null || Files.isRegularFile(record(m)));
    }

    /** Where the SHA-256 computed at install is kept, for files whose SHA-256 nobody publishes. */
    private Path record(PinnedModel m) {
        return dir.resolve(m.fileName() + ".sha256");
    }

    /**
     * Downloads, verifies and installs a file, unless it is installed already.
     *
     * @param m the entry
     * @param listener progress in bytes downloaded; may be null
     * @param token cancels between chunks
     * @return the installed file
     * @throws DownloadException when it cannot be downloaded or is not the pinned file, with a plain
     *     message that names the other choices; nothing is installed
     * @throws studio.catdog.core.concurrent.CancelledException when cancelled (the part is kept for a resume)
     */
    public Path install(PinnedModel m, TransferListener listener, CancellationToken token) {
        if (isInstalled(m)) {
            return path(m);
        }
        if (offline) {
            throw failure(m, Reason.OFFLINE, "downloads are off on this computer (offline mode)", null);
        }
        if (sources.problem().isPresent()) {
            throw new DownloadException(
                    Reason.NOT_ALLOWED,
                    m.describe() + " was not downloaded: " + sources.problem().get(),
                    null);
        }
        return locked(m, () -> {
            if (isInstalled(m)) {
                return path(m); // another download finished meanwhile
            }
            Path part = dir.resolve(m.remoteName() + ".part");
            log.info("Downloading {} from {}", m.id(), m.url());
            try {
                fetcher.fetch(m.url(), part, m.downloadBytes(), listener, token);
            } catch (DownloadException e) {
                if (e.reason() == Reason.WRONG_FILE) {
                    CacheFiles.delete(part);
                    throw wrongFile(
                            m,
                            "the download from " + m.url(),
                            e.getMessage().replace(m.url() + " offers", "the server offers"));
                }
                throw failure(m, e.reason(), e.getMessage(), e);
            }
            return installVerified(m, part, token, "the download from " + m.url());
        });
    }

    /**
     * Copies a file the user downloaded elsewhere into the store, when its size and checksum are those
     * of a catalogue entry.
     *
     * @param file the file (a {@code .onnx}, or the gzipped TorchScript file as DJL serves it)
     * @param token cancels between chunks
     * @return the entry it matched
     * @throws CatdogException when it matches none, naming its SHA-256 and what would match
     */
    public PinnedModel importFile(Path file, CancellationToken token) {
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("There is no file " + file + ".");
        }
        long size = CacheFiles.size(file);
        PinnedModel match = null;
        String sha256 = null;
        for (PinnedModel m : sources.all()) {
            if (m.downloadBytes() == size) {
                String actual = CacheFiles.digest(file, m.downloadDigest(), token);
                sha256 = "SHA-256".equals(m.downloadDigest().algorithm()) ? actual : sha256;
                if (actual.equals(m.downloadDigest().hex())) {
                    match = m;
                    break;
                }
            }
        }
        if (match == null) {
            if (sha256 == null) {
                sha256 = CacheFiles.digest(file, new FileDigest("SHA-256", ""), token);
            }
            StringBuilder known = new StringBuilder();
            for (PinnedModel m : sources.all()) {
                known.append(String.format(
                        Locale.ROOT,
                        "%n  %s: %s, %,d bytes, %s",
                        m.id(),
                        m.remoteName(),
                        m.downloadBytes(),
                        m.downloadDigest()));
            }
            throw new CatdogException(String.format(
                    Locale.ROOT,
                    "%s (%,d bytes, SHA-256 %s) is none of the pinned "
                            + "backbone files, so it was not imported. These are:%s",
                    file.getFileName(),
                    size,
                    sha256,
                    known));
        }
        PinnedModel m = match;
        if (isInstalled(m)) {
            return m;
        }
        locked(m, () -> {
            Path copy = dir.resolve(m.remoteName() + ".import");
            try {
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                return installVerified(m, copy, token, file.toString());
            } catch (IOException e) {
                throw new CatdogException("Cannot copy " + file + " into " + dir + ": " + e.getMessage(), e);
            } finally {
                CacheFiles.delete(copy);
            }
        });
        log.info("Imported {} as {}", file, m.id());
        return m;
    }

    /**
     * Checks an installed file before it is used: its SHA-256 must be the pinned one (or the one
     * recorded when its download was verified). A changed file is removed from the store.
     *
     * @param m the entry
     * @return the file's SHA-256
     * @throws CatdogException when it changed, or is not installed
     */
    public String verify(PinnedModel m) {
        if (!isInstalled(m)) {
            throw new BackboneNotDownloadedException(m);
        }
        String expected = m.sha256() != null ? m.sha256() : CacheFiles.read(record(m));
        String actual = CacheFiles.digest(path(m), new FileDigest("SHA-256", ""), new CancellationToken());
        if (!actual.equals(expected)) {
            CacheFiles.delete(path(m));
            CacheFiles.delete(record(m));
            throw new CatdogException("The cached backbone file " + path(m) + " (" + m.id() + ") has changed since it "
                    + "was verified: its SHA-256 is " + actual + ", expected " + expected + ". It was removed from the "
                    + "cache; download it again with 'catdog backbone download " + m.id()
                    + "' (in the app: Download).");
        }
        return actual;
    }

    /** Checks size then checksum, unpacks a gzipped file, and renames the result into place. */
    private Path installVerified(PinnedModel m, Path part, CancellationToken token, String what) {
        Path target = path(m);
        Path tmp = dir.resolve("." + m.fileName() + ".tmp");
        try {
            long size = CacheFiles.size(part);
            if (size != m.downloadBytes()) {
                throw wrongFile(
                        m, what, String.format(Locale.ROOT, "it has %,d bytes, not %,d", size, m.downloadBytes()));
            }
            String actual = CacheFiles.digest(part, m.downloadDigest(), token);
            if (!actual.equals(m.downloadDigest().hex())) {
                throw wrongFile(
                        m,
                        what,
                        "its " + m.downloadDigest().algorithm() + " is " + actual + ", expected "
                                + m.downloadDigest().hex());
            }
            Path ready = part;
            if (m.gzipped()) {
                String sha = CacheFiles.gunzip(part, tmp, token);
                CacheFiles.writeAtomically(record(m), sha); // first: without it the file below counts as absent
                ready = tmp;
            }
            AtomicFiles.move(ready, target);
            log.info("Installed {} ({})", m.id(), target);
            return target;
        } catch (DownloadException e) {
            CacheFiles.delete(part); // not the pinned file: nothing is kept
            throw e;
        } catch (IOException e) {
            throw new DownloadException(
                    Reason.DISK,
                    "Cannot install " + m.id() + " into " + dir + ": " + e.getMessage() + ". Nothing was installed.",
                    e);
        } finally {
            CacheFiles.delete(tmp);
            if (Files.isRegularFile(target)) {
                CacheFiles.delete(part);
            }
        }
    }

    private DownloadException wrongFile(PinnedModel m, String what, String why) {
        return new DownloadException(
                Reason.WRONG_FILE,
                "Refused " + m.describe() + ": " + what + " is not the pinned file; "
                        + why + " (pinned: " + String.format(Locale.ROOT, "%,d bytes, ", m.downloadBytes())
                        + m.downloadDigest()
                        + "). It was deleted; nothing was installed. " + OTHER_CHOICES,
                null);
    }

    private static DownloadException failure(PinnedModel m, Reason reason, String why, Throwable cause) {
        String retry =
                reason == Reason.CUT || reason == Reason.STALLED ? " A new try continues where this one stopped." : "";
        return new DownloadException(
                reason, m.describe() + " could not be downloaded: " + why + "." + retry + " " + OTHER_CHOICES, cause);
    }

    private <T> T locked(PinnedModel m, Supplier<T> work) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DownloadException(
                    Reason.DISK, "Cannot create the backbone cache " + dir + ": " + e.getMessage(), e);
        }
        // One lock for the folder: it never names a model file, so a refused download leaves no file for it.
        try (FileChannel channel = FileChannel.open(
                        dir.resolve(".downloads.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = CacheFiles.tryLock(channel)) {
            if (lock == null) {
                throw new CatdogException("Another backbone download is running (" + m.id()
                        + " waits); try again when it " + "has finished.");
            }
            return work.get();
        } catch (IOException e) {
            throw new DownloadException(
                    Reason.DISK, "Cannot lock the backbone cache " + dir + ": " + e.getMessage(), e);
        }
    }
}

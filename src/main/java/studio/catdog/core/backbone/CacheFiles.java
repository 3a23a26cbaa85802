package studio.catdog.core.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;

/**
 * The file work of the caches in this package ({@link BackboneStore}, {@link CudaLibraryDownload}): checksums,
 * unpacking, the lock against a second download.
 */
final class CacheFiles {

    private static final Logger log = LoggerFactory.getLogger(CacheFiles.class);
    private static final int BUFFER = 1 << 16;

    private CacheFiles() {}

    /** Unpacks into {@code tmp}; the gzip trailer checks the data, and the SHA-256 of the result is returned. */
    static String gunzip(Path gz, Path tmp, CancellationToken token) throws IOException {
        MessageDigest sha = new FileDigest("SHA-256", "").newDigest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            unpack(gz, out, Long.MAX_VALUE, null, token);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Unpacks into {@code file}, writing no more than {@code maxBytes}; the gzip trailer's CRC and length check
     * the data.
     *
     * @param tooLarge the exception to throw when the data unpacks to more than {@code maxBytes}
     */
    static void gunzip(
            Path gz, Path file, long maxBytes, Supplier<? extends RuntimeException> tooLarge, CancellationToken token)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            unpack(gz, out, maxBytes, tooLarge, token);
        }
    }

    private static void unpack(
            Path gz,
            OutputStream out,
            long maxBytes,
            Supplier<? extends RuntimeException> tooLarge,
            CancellationToken token)
            throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            long written = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                if (written > maxBytes) {
                    throw tooLarge.get();
                }
                out.write(buffer, 0, n);
                token.throwIfCancelled();
            }
        }
    }

    /**
     * Takes a cache's lock file without waiting.
     *
     * @return the lock, or null when another process or another download in this process holds it
     */
    static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this process
        }
    }

    static String digest(Path file, FileDigest kind, CancellationToken token) {
        MessageDigest d = kind.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                d.update(buffer, 0, n);
                token.throwIfCancelled();
            }
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text + "\n");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}", file, e);
        }
    }
}

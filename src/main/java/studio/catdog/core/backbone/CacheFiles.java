package studio.catdog.core.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;

/** The file work of {@link BackboneStore}: checksums, unpacking, renames into place. */
final class CacheFiles {

    private static final Logger log = LoggerFactory.getLogger(CacheFiles.class);
    private static final int BUFFER = 1 << 16;

    private CacheFiles() {}

    /** Unpacks into {@code tmp}; the gzip trailer checks the data, and the SHA-256 of the result is returned. */
    static String gunzip(Path gz, Path tmp, CancellationToken token) throws IOException {
        MessageDigest sha = new FileDigest("SHA-256", "").newDigest();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), BUFFER);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                token.throwIfCancelled();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
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

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING); // same folder: a rename anyway
        }
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

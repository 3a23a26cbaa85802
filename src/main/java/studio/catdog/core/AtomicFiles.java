package studio.catdog.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file writes that a crash cannot tear: the bytes go to a temporary file beside the target, are
 * forced to the disk, and are renamed over the target in one step. Readers see the old file or the
 * new one, never a part; a failed write leaves no temporary file behind.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Replaces (or creates) a file with the given bytes, creating its folder if needed.
     *
     * @param file the target
     * @param bytes its new content
     * @throws IOException when it cannot be written; the old content is then untouched
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // A unique name: two writers of the same file never share (and truncate) one temporary file.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING); // same folder: a rename anyway
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces (or creates) a text file, UTF-8.
     *
     * @param file the target
     * @param text its new content
     * @throws IOException when it cannot be written; the old content is then untouched
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}

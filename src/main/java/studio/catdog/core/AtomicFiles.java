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
 * new one, never a part; a failed write leaves no temporary file behind. {@link #replaceFolder} does the
 * same for a folder written complete beside its target (a model, an export, a downloaded library).
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
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames a file over another in the same folder, atomically where the file system can.
     *
     * @param from the file
     * @param to its new name; replaced when it exists
     * @throws IOException when it cannot be renamed
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING); // same folder: a rename anyway
        }
    }

    /**
     * Puts a complete folder, written beside its target, in place: an existing target is first renamed aside
     * (to {@code .<name>.<asideMarker>-<unique>}), the new folder renamed in, the old one removed. When the
     * second rename fails the old folder is renamed back, so the target is always the old folder or the new
     * one. Every rename is atomic (same folder).
     *
     * @param fresh the complete new folder, beside the target
     * @param target where it goes
     * @param asideMarker names the old folder while it is aside (a crash there leaves it for a recovery to find)
     * @param betweenRenames runs after the old folder is aside and before the new one moves in (a test's pause
     *     point)
     * @throws IOException when a rename fails; the target is then as it was
     */
    public static void replaceFolder(Path fresh, Path target, String asideMarker, Runnable betweenRenames)
            throws IOException {
        if (!Files.exists(target)) {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + "." + asideMarker + "-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        betweenRenames.run();
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        FileTrees.deleteQuietly(old);
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

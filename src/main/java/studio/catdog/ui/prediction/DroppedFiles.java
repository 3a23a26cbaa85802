package studio.catdog.ui.prediction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.ui.common.Messages;

/**
 * Decides which dropped, pasted or chosen files can be classified, and why the others cannot. Plain
 * logic with no JavaFX, so it is tested with plain files.
 */
public final class DroppedFiles {

    private DroppedFiles() {}

    /**
     * Whether a drag may be accepted at all: at least one path looks like an image by its name.
     * Cheap, for drag-over feedback (no file reads).
     *
     * @param paths the dragged paths
     * @return whether to accept the drag
     */
    public static boolean anyLooksLikeImage(List<Path> paths) {
        return paths.stream().anyMatch(ImageFiles::hasImageExtension);
    }

    /**
     * Checks each file: it must exist, be a regular non-empty file with an image extension, and
     * start with the signature of an image format.
     *
     * @param paths the files
     * @return accepted and refused files
     */
    public static DropDecision classify(List<Path> paths) {
        List<Path> ok = new ArrayList<>();
        List<DropRefusal> refused = new ArrayList<>();
        for (Path p : paths) {
            String reason = check(p);
            if (reason == null) {
                ok.add(p);
            } else {
                refused.add(new DropRefusal(p, reason));
            }
        }
        return new DropDecision(ok, refused);
    }

    private static String check(Path p) {
        if (Files.isDirectory(p)) {
            return Messages.get("drop.isFolder");
        }
        if (!Files.isRegularFile(p)) {
            return Messages.get("drop.missing");
        }
        String ext = ImageFiles.extension(p);
        if (!ImageFiles.hasImageExtension(p)) {
            return ext.isEmpty()
                    ? Messages.get("drop.noExtension")
                    : Messages.get("drop.wrongExtension", ext, String.join(", ", ImageFiles.EXTENSIONS));
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Messages.get("drop.unreadable", e.getMessage());
        }
        if (n == 0) {
            return Messages.get("drop.empty");
        }
        if (!looksLikeImage(head, n)) {
            return Messages.get("drop.notImage", ext);
        }
        return null;
    }

    /**
     * Whether bytes start with a JPEG, PNG, GIF, BMP or WebP signature.
     *
     * @param b the first bytes
     * @param n how many are valid
     * @return whether they look like an image
     */
    static boolean looksLikeImage(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return true;
        }
        if (n >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return true;
        }
        if (n >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return true;
        }
        if (n >= 2 && b[0] == 'B' && b[1] == 'M') {
            return true;
        }
        return n >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P';
    }
}

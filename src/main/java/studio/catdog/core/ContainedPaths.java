package studio.catdog.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths read from a file someone else may have written (a data set's journal, a settings file) and the
 * folders made for them, kept inside one folder.
 *
 * <p>A path in such a file is relative, with '/' between its parts; absolute paths, {@code ..}, {@code .},
 * empty parts, backslashes and NUL are refused before anything is resolved. Text alone is not enough: a
 * folder inside may be a symbolic link to anywhere, so every part below the folder is checked without
 * following links ({@link #requireNoLinks}), folders are created one part at a time and never through a
 * link ({@link #createDirectories}), and the real path is compared once more ({@link #requireInside}).
 *
 * <p>A file swapped for a link between the check and its use (by someone writing into the folder at
 * the same time) is outside what these checks can stop; they are for folders received whole.
 */
public final class ContainedPaths {

    private ContainedPaths() {}

    /**
     * Why a relative path from a file is not acceptable.
     *
     * @param relative the path as written, '/' between parts
     * @return the problem in words ("is absolute", "contains '..'"), empty when it is acceptable
     */
    public static Optional<String> problemWith(String relative) {
        if (relative == null || relative.isEmpty()) {
            return Optional.of("is empty");
        }
        if (relative.indexOf('\0') >= 0) {
            return Optional.of("contains a NUL character");
        }
        if (relative.startsWith("/") || relative.startsWith("~") || relative.matches("(?s)^[A-Za-z]:.*")) {
            return Optional.of("is absolute");
        }
        if (relative.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash");
        }
        for (String part : relative.split("/", -1)) {
            if (part.isEmpty()) {
                return Optional.of("has an empty part");
            }
            if (part.equals("..")) {
                return Optional.of("contains '..'");
            }
            if (part.equals(".")) {
                return Optional.of("contains '.'");
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a relative path from a file against its folder, refusing what {@link #problemWith} refuses.
     *
     * @param root the folder, absolute and normalised
     * @param relative the path as written
     * @return the path under the folder (not yet checked for links)
     * @throws IllegalArgumentException with {@link #problemWith}'s words
     */
    public static Path resolve(Path root, String relative) {
        Optional<String> problem = problemWith(relative);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        Path p = root;
        for (String part : relative.split("/")) {
            p = p.resolve(part);
        }
        return p;
    }

    /**
     * Checks that no part of a path below a folder is a symbolic link, so that its real path stays
     * inside. The folder itself may be a link: the user chose it.
     *
     * @param root the folder, absolute and normalised
     * @param path a path under it, absolute and normalised
     * @param includingLast whether the last part must not be a link either (a folder that is used,
     *     rather than a file that is moved as it is)
     * @throws CatdogException when the path is not under the folder or a part of it is a link
     */
    public static void requireNoLinks(Path root, Path path, boolean includingLast) {
        if (!path.startsWith(root) || path.equals(root)) {
            throw new CatdogException(path + " is not inside " + root + ".");
        }
        Path rel = root.relativize(path);
        Path p = root;
        int parts = includingLast ? rel.getNameCount() : rel.getNameCount() - 1;
        for (int i = 0; i < parts; i++) {
            p = p.resolve(rel.getName(i));
            if (Files.isSymbolicLink(p)) {
                throw new CatdogException(p + " is a link; CatDog Studio does not follow links inside " + root
                        + ", so that nothing outside it is read, moved or created.");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return; // nothing below a missing part can be a link
            }
        }
    }

    /**
     * Checks the real path (links resolved) of a path, or of its nearest existing ancestor, against the
     * real path of the folder.
     *
     * @param root the folder
     * @param path a path under it
     * @throws CatdogException when the real path is elsewhere
     */
    public static void requireInside(Path root, Path path) {
        try {
            Path realRoot = root.toRealPath();
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
                throw new CatdogException(path + " leads outside " + root + ".");
            }
        } catch (IOException e) {
            throw new CatdogException("Cannot check where " + path + " leads: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a folder and its missing parents below a folder one part at a time, never through a link.
     *
     * @param root the folder, absolute and normalised; it must exist
     * @param dir the folder to create, under {@code root}
     * @throws IOException when a folder cannot be created, or a part is a file
     * @throws CatdogException when a part is a link or the path is not under {@code root}
     */
    public static void createDirectories(Path root, Path dir) throws IOException {
        if (dir.equals(root)) {
            return;
        }
        requireNoLinks(root, dir, true);
        Path rel = root.relativize(dir);
        Path p = root;
        for (int i = 0; i < rel.getNameCount(); i++) {
            p = p.resolve(rel.getName(i));
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (Files.isSymbolicLink(p)) {
                    throw new CatdogException(p + " is a link; CatDog Studio does not follow links inside " + root
                            + ", so that nothing outside it is read, moved or created.");
                }
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(p + " is a file, not a folder", e);
                }
            }
        }
        requireInside(root, dir);
    }
}

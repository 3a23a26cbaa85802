package studio.catdog.core.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import studio.catdog.core.CatdogException;

/**
 * Which files count as images, for every place that picks images by name: folder prediction in the
 * app and the command line, dropped and chosen files, "Open with" arguments. A data set scan is the
 * exception: it reads every visible file and reports those the decoder refuses, so only
 * {@link #isHidden} applies there.
 */
public final class ImageFiles {

    /** File extensions the decoder reads, lower case, without the dot, in the order shown to users. */
    public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "gif", "webp");

    private static final Set<String> ACCEPTED = Set.copyOf(EXTENSIONS);

    private ImageFiles() {}

    /**
     * @param file a path
     * @return its extension in lower case without the dot, "" when it has none
     */
    public static String extension(Path file) {
        String name = name(file);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * @param file a path
     * @return whether its extension is one of {@link #EXTENSIONS} (any case)
     */
    public static boolean hasImageExtension(Path file) {
        return ACCEPTED.contains(extension(file));
    }

    /**
     * Hidden files are the system's and other tools' ({@code .DS_Store}, macOS's {@code ._cat.jpg}
     * resource forks, {@code .thumbnails/}), never the user's images.
     *
     * @param file a path
     * @return whether its name starts with a dot
     */
    public static boolean isHidden(Path file) {
        return name(file).startsWith(".");
    }

    /**
     * Whether a file counts as an image by its name alone (no disk access): an image extension and
     * not hidden.
     *
     * @param file a path
     * @return whether it is taken as an image
     */
    public static boolean isImageFile(Path file) {
        return !isHidden(file) && hasImageExtension(file);
    }

    /**
     * The images in a folder: regular files (links to files included) that {@link #isImageFile
     * count as images}, in path order. Hidden folders are skipped and links to folders are not
     * followed, so a link loop cannot hang the walk.
     *
     * @param folder the folder
     * @param recursive whether to look in sub-folders too
     * @return the image files, sorted
     * @throws CatdogException when the folder, or a folder below it, cannot be read
     */
    public static List<Path> list(Path folder, boolean recursive) {
        if (!Files.isDirectory(folder)) {
            throw new CatdogException(folder + " is not a folder.");
        }
        List<Path> images = new ArrayList<>();
        try {
            // The walk does not enter a link, so it starts from the real folder (the given one may be
            // a link) and names what it finds under the given one.
            Path start = folder.toRealPath();
            Files.walkFileTree(start, Set.of(), recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && isHidden(dir)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // At the depth limit folders arrive here too; isRegularFile follows links to files.
                    if (isImageFile(file)
                            && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                        images.add(folder.resolve(start.relativize(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (AccessDeniedException e) {
            throw new CatdogException("No permission to read the folder " + e.getFile() + ".", e);
        } catch (IOException e) {
            throw new CatdogException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        images.sort(Comparator.naturalOrder());
        return images;
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }
}

package studio.catdog.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.image.ImageFiles;

/**
 * Lists images on the driver with the desktop's rules: image extensions only
 * ({@link ImageFiles#EXTENSIONS}), hidden files and folders skipped, links to folders not followed
 * (so a link loop cannot list a file twice or forever), links to files used, sorted by path. A local
 * folder is listed by the desktop's own {@link ImageFiles#list}; any other Hadoop file system
 * ({@code hdfs://}, {@code s3a://}) by {@code listStatus}, with the same rules. Every path is in
 * {@link SparkPaths}' display form.
 */
final class InputListing {

    private InputListing() {}

    /**
     * A path as given (a local path or a URI) as a qualified Hadoop path.
     *
     * @param text {@code /data/x}, {@code file:/data/x}, {@code hdfs://nn/x}, {@code s3a://bucket/x}
     * @param conf the Hadoop configuration
     * @return the qualified path
     */
    static Path qualified(String text, Configuration conf) {
        Path p = SparkPaths.parse(text);
        try {
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new CatdogException("Cannot use the path " + text + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every image under a folder, recursively.
     *
     * @param root the folder
     * @param conf the Hadoop configuration
     * @return their display forms, sorted
     */
    static List<String> images(Path root, Configuration conf) {
        var local = local(root);
        if (local != null) {
            if (!Files.exists(local)) {
                throw new CatdogException("The folder " + local + " does not exist.");
            }
            if (!Files.isDirectory(local)) {
                throw new CatdogException(local + " is a file, not a folder of images.");
            }
            List<String> out = new ArrayList<>();
            for (var file : ImageFiles.list(local, true)) {
                out.add(SparkPaths.display(file));
            }
            out.sort(null);
            return out;
        }
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new CatdogException("The folder " + root + " does not exist.");
            }
            if (fs.getFileStatus(root).isFile()) {
                throw new CatdogException(root + " is a file, not a folder of images.");
            }
            walk(fs, root, out, new HashSet<>());
        } catch (IOException e) {
            throw new CatdogException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * The images of a data set laid out as the desktop reads it: {@code training_set/<class>/} and
     * {@code test_set/<class>/}, or {@code <class>/} folders (split later by content hash). Split and
     * class folders that are links are not followed.
     *
     * @param root the data set folder
     * @param conf the Hadoop configuration
     * @return the labelled files, sorted by path
     */
    static List<LabelledFile> dataset(Path root, Configuration conf) {
        List<LabelledFile> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root) || fs.getFileStatus(root).isFile()) {
                throw new CatdogException("The folder " + root + " does not exist.");
            }
            Path train = new Path(root, "training_set");
            if (isFolder(fs, train)) {
                addClasses(fs, train, Split.TRAIN, conf, out);
                Path test = new Path(root, "test_set");
                if (isFolder(fs, test)) {
                    addClasses(fs, test, Split.TEST, conf, out);
                }
            } else {
                addClasses(fs, root, null, conf, out);
            }
        } catch (IOException e) {
            throw new CatdogException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        if (out.stream().map(LabelledFile::className).distinct().count() < 2) {
            throw new CatdogException(root + " needs one sub-folder per class and at least two classes, e.g. "
                    + "training_set/cats, training_set/dogs.");
        }
        out.sort(Comparator.comparing(LabelledFile::path));
        return out;
    }

    /** @return the local folder a qualified path names, or null on another file system */
    static java.nio.file.Path local(Path p) { // fqn: Hadoop's Path is imported
        return "file".equals(p.toUri().getScheme()) ? Paths.get(p.toUri()) : null;
    }

    private static boolean isFolder(FileSystem fs, Path p) throws IOException {
        var local = local(fs.makeQualified(p));
        if (local != null) {
            return Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS);
        }
        if (!fs.exists(p)) {
            return false;
        }
        FileStatus s = fs.getFileLinkStatus(p);
        return s.isDirectory() && !s.isSymlink();
    }

    private static void addClasses(FileSystem fs, Path parent, Split split, Configuration conf, List<LabelledFile> out)
            throws IOException {
        var local = local(fs.makeQualified(parent));
        List<Path> classes = new ArrayList<>();
        if (local != null) {
            try (var dirs = Files.newDirectoryStream(local)) {
                for (var d : dirs) {
                    if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !ImageFiles.isHidden(d)) {
                        classes.add(SparkPaths.local(d));
                    }
                }
            }
        } else {
            for (FileStatus dir : fs.listStatus(parent)) {
                if (dir.isDirectory()
                        && !dir.isSymlink()
                        && !dir.getPath().getName().startsWith(".")) {
                    classes.add(dir.getPath());
                }
            }
        }
        for (Path dir : classes) {
            for (String file : images(dir, conf)) {
                out.add(new LabelledFile(file, dir.getName(), split));
            }
        }
    }

    /**
     * Walks with {@code listStatus}, not {@code listFiles} (which forks {@code ls -ld} per file where
     * Hadoop's native library is absent); links to folders are not followed, and a folder is entered
     * once.
     */
    private static void walk(FileSystem fs, Path dir, List<String> out, Set<String> seen) throws IOException {
        if (!seen.add(dir.toString())) {
            return;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.getPath().getName().startsWith(".")) {
                continue; // hidden files and folders, as the desktop skips them
            }
            if (f.isDirectory() && !f.isSymlink()) {
                walk(fs, f.getPath(), out, seen);
            } else if (f.isFile() && isImage(f.getPath())) {
                out.add(SparkPaths.display(f.getPath()));
            }
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && ImageFiles.EXTENSIONS.contains(name.substring(dot + 1)) && !name.startsWith(".");
    }
}

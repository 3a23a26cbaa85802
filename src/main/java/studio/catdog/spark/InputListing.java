package studio.catdog.spark;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.image.ImageFiles;

/**
 * Lists images on the driver, on any Hadoop file system, with the desktop's rules: image extensions
 * only ({@link ImageFiles#EXTENSIONS}), hidden files and folders skipped, sorted by path.
 */
final class InputListing {

    /**
     * One labelled image of a data set.
     *
     * @param path its URI
     * @param className its class folder's name
     * @param split its split, or null when the layout leaves it to the content hash
     */
    record LabelledFile(String path, String className, Split split) {}

    private InputListing() {}

    /**
     * A path as given (a local path or a URI) as a qualified Hadoop path.
     *
     * @param text {@code /data/x}, {@code file:/data/x}, {@code hdfs://nn/x}, {@code s3a://bucket/x}
     * @param conf the Hadoop configuration
     * @return the qualified path
     */
    static Path qualified(String text, Configuration conf) {
        try {
            URI uri = URI.create(text.replace(" ", "%20"));
            Path p = uri.getScheme() == null
                    ? new Path(java.nio.file.Path.of(text).toAbsolutePath().toUri())
                    : new Path(uri);
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
     * @return their URIs, sorted
     */
    static List<String> images(Path root, Configuration conf) {
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new CatdogException("The folder " + root + " does not exist.");
            }
            if (fs.getFileStatus(root).isFile()) {
                throw new CatdogException(root + " is a file, not a folder of images.");
            }
            walk(fs, root, out);
        } catch (IOException e) {
            throw new CatdogException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * The images of a data set laid out as the desktop reads it: {@code training_set/<class>/} and
     * {@code test_set/<class>/}, or {@code <class>/} folders (split later by content hash).
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
            if (fs.exists(train)) {
                addClasses(fs, train, Split.TRAIN, conf, out);
                Path test = new Path(root, "test_set");
                if (fs.exists(test)) {
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
        out.sort(java.util.Comparator.comparing(LabelledFile::path));
        return out;
    }

    private static void addClasses(FileSystem fs, Path parent, Split split, Configuration conf, List<LabelledFile> out)
            throws IOException {
        for (FileStatus dir : fs.listStatus(parent)) {
            if (dir.isDirectory() && !dir.getPath().getName().startsWith(".")) {
                for (String file : images(dir.getPath(), conf)) {
                    out.add(new LabelledFile(file, dir.getPath().getName(), split));
                }
            }
        }
    }

    /**
     * Walks with {@code listStatus}, not {@code listFiles}: on a local disk without Hadoop's native
     * library, {@code listFiles} runs {@code ls -ld} in a child process for every file to fill in its
     * permissions (2,000 forks of the driver JVM for 2,000 photos, most of the job's system time).
     */
    private static void walk(FileSystem fs, Path dir, List<String> out) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.getPath().getName().startsWith(".")) {
                continue; // hidden files and folders, as the desktop skips them
            }
            if (f.isDirectory()) {
                walk(fs, f.getPath(), out);
            } else if (f.isFile() && isImage(f.getPath())) {
                out.add(f.getPath().toString());
            }
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && ImageFiles.EXTENSIONS.contains(name.substring(dot + 1));
    }
}

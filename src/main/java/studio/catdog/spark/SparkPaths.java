package studio.catdog.spark;

import java.net.URI;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import studio.catdog.core.CatdogException;

/**
 * How the Spark jobs name files, so that any file name (spaces, {@code %}, {@code #}, {@code ?},
 * unicode, a leading {@code -}) survives: a row carries a file's <i>display</i> form, which is
 * Hadoop's own {@link Path#toString()} ({@code file:/data/100%.jpg}, {@code hdfs://nn/a b.jpg}: the
 * name exactly as it is, not percent-encoded), and is turned back into a file only by the functions
 * here, never by {@link URI#create} (which refuses a space and cuts a name at {@code #}).
 */
final class SparkPaths {

    private static final String FILE = "file:";
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private SparkPaths() {}

    /**
     * A path as the user gave it ({@code /data/x}, {@code ./x}, {@code file:/data/x},
     * {@code hdfs://nn/x}, {@code s3a://bucket/x}) as a Hadoop path; a local path is made absolute.
     *
     * @param text the path
     * @return the Hadoop path, not yet qualified
     */
    static Path parse(String text) {
        try {
            if (SCHEME.matcher(text).find() && !looksLikeWindowsDrive(text)) {
                // Hadoop's own parser quotes what a URI cannot hold (a space, %, #, ?) instead of failing.
                return new Path(text);
            }
            return local(Paths.get(text));
        } catch (IllegalArgumentException e) {
            throw new CatdogException("Cannot use the path " + text + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a local file or folder
     * @return it as a Hadoop path ({@code file:} scheme, absolute, no trailing slash)
     */
    static Path local(java.nio.file.Path file) { // fqn: Hadoop's Path is imported
        // The (scheme, authority, path) constructor quotes what a URI cannot hold; a URI from
        // Path.toUri() would keep a folder's trailing slash, which leaves Hadoop's getName() empty.
        return new Path("file", null, file.toAbsolutePath().normalize().toString());
    }

    /**
     * @param file a Hadoop path
     * @return the form rows carry: {@code file:/abs/name} for local files, the URI form without
     *     percent-encoding otherwise
     */
    static String display(Path file) {
        return file.toString();
    }

    /**
     * @param local a local file
     * @return its display form
     */
    static String display(java.nio.file.Path local) { // fqn: Hadoop's Path is imported
        return FILE + local.toAbsolutePath();
    }

    /**
     * @param display a row's path
     * @return the local file it names, or null when it is on another file system
     */
    static java.nio.file.Path local(String display) { // fqn: Hadoop's Path is imported
        if (!display.startsWith(FILE)) {
            return null;
        }
        String rest = display.substring(FILE.length());
        // Hadoop writes local files as file:/abs; tolerate file:///abs from elsewhere.
        while (rest.startsWith("//")) {
            rest = rest.substring(1);
        }
        return Paths.get(rest);
    }

    /**
     * @param display a row's path
     * @return the Hadoop path it names
     */
    static Path hadoop(String display) {
        return new Path(display);
    }

    private static boolean looksLikeWindowsDrive(String text) {
        return text.length() >= 2
                && Character.isLetter(text.charAt(0))
                && text.charAt(1) == ':'
                && (text.length() == 2 || text.charAt(2) == '\\');
    }
}

package studio.catdog.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.UnreadableImageException;

/** Reads whole files from any Hadoop file system (local, {@code hdfs://}, {@code s3a://}) on an executor. */
final class HadoopFiles {

    /** Larger files are refused with a reason rather than read into memory (no photo is this large). */
    static final long MAX_BYTES = 256L << 20;

    private HadoopFiles() {}

    /**
     * The Hadoop configuration of this JVM's Spark application: Hadoop's defaults plus every
     * {@code spark.hadoop.*} setting (credentials and endpoints for {@code s3a://} come that way).
     *
     * @return a new configuration
     */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            SparkConf spark = env.conf();
            for (Tuple2<String, String> e : spark.getAllWithPrefix("spark.hadoop.")) {
                conf.set(e._1(), e._2());
            }
        }
        return conf;
    }

    /**
     * Reads a file with a plain reason on failure, as the desktop's reader words it. Any failure,
     * a name no URI can hold included, is an {@link UnreadableImageException}: one file never fails the job.
     *
     * @param display the file, in {@link SparkPaths}' display form
     * @param conf the Hadoop configuration
     * @return its bytes
     * @throws UnreadableImageException when it cannot be read
     */
    static byte[] read(String display, Configuration conf) {
        java.nio.file.Path local; // fqn: Hadoop's Path is imported
        try {
            local = SparkPaths.local(display);
        } catch (RuntimeException e) {
            throw new UnreadableImageException("cannot read the file: " + e.getMessage(), e);
        }
        if (local != null) {
            // A local disk (or a mount every executor sees): read as the desktop reads, same reasons,
            // without Hadoop's checksum-file lookup per file.
            return ImageDecoder.readBytes(local);
        }
        try {
            Path path = SparkPaths.hadoop(display);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            if (status.getLen() > MAX_BYTES) {
                throw new UnreadableImageException("file too large to read (" + status.getLen() + " bytes)");
            }
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (FileNotFoundException e) {
            throw new UnreadableImageException("file not found", e);
        } catch (AccessControlException e) {
            throw new UnreadableImageException("no permission to read the file", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImageException u) {
                throw u;
            }
            throw new UnreadableImageException("cannot read the file: " + e.getMessage(), e);
        }
    }
}

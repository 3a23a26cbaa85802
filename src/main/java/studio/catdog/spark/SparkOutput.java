package studio.catdog.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import studio.catdog.core.CatdogException;
import studio.catdog.core.OutputFolders;

/**
 * A table folder a Spark job writes, on any Hadoop file system, under the desktop's output rule
 * ({@link OutputFolders}): an existing table is replaced only with {@code --overwrite}, and only when
 * it holds nothing but files Spark writes for a table; an output that is, holds or lies inside an
 * input is refused. Spark's own {@code mode("overwrite")} deletes whatever the folder holds, so it is
 * never used: the new table is written to a hidden folder beside the output and renamed into place,
 * and the old one is removed only after that, so a job that fails leaves the old table as it was.
 */
final class SparkOutput {

    /** What Spark writes into a table folder: part files, their checksums, the markers of its commit. */
    private static final Pattern TABLE_FILE =
            Pattern.compile("\\.?part-.*|_SUCCESS|\\._SUCCESS\\.crc|_temporary|_committed_.*|_started_.*");

    private final FileSystem fs;
    private final Path target;
    private final boolean exists;

    private SparkOutput(FileSystem fs, Path target, boolean exists) {
        this.fs = fs;
        this.target = target;
        this.exists = exists;
    }

    /**
     * Checks an output table folder before a job computes anything.
     *
     * @param text the output as the user gave it
     * @param overwrite whether the user asked to replace an existing table ({@code --overwrite})
     * @param inputs what the job reads (qualified Hadoop paths; local ones are compared by real path)
     * @param conf the Hadoop configuration
     * @return the checked output
     * @throws CatdogException naming the path and the flag when the output may not be written
     */
    static SparkOutput check(String text, boolean overwrite, List<Path> inputs, Configuration conf) {
        Path target = InputListing.qualified(text, conf);
        try {
            FileSystem fs = target.getFileSystem(conf);
            var local = InputListing.local(target);
            if (local != null) {
                // Local outputs get the desktop's checks on real paths (links resolved).
                List<java.nio.file.Path> localInputs = new ArrayList<>(); // fqn: Hadoop's Path is imported
                for (Path in : inputs) {
                    var l = InputListing.local(in);
                    if (l != null) {
                        localInputs.add(l);
                    }
                }
                OutputFolders.check(
                        local,
                        overwrite,
                        "--overwrite",
                        n -> TABLE_FILE.matcher(n).matches(),
                        localInputs);
                return new SparkOutput(fs, target, Files.exists(local));
            }
            String out = withSlash(target);
            for (Path in : inputs) {
                String i = withSlash(fs.makeQualified(in));
                if (out.equals(i) || out.startsWith(i) || i.startsWith(out)) {
                    throw new CatdogException("The output " + target + " is, holds or lies inside the input " + in
                            + "; choose an output folder apart from what the job reads (nothing was changed).");
                }
            }
            if (!fs.exists(target)) {
                return new SparkOutput(fs, target, false);
            }
            FileStatus status = fs.getFileLinkStatus(target);
            if (!status.isDirectory()) {
                throw new CatdogException("The output " + target + " is a file, not a folder (nothing was changed).");
            }
            List<String> foreign = new ArrayList<>();
            for (FileStatus f : fs.listStatus(target)) {
                if (!TABLE_FILE.matcher(f.getPath().getName()).matches()) {
                    foreign.add(f.getPath().getName());
                }
            }
            if (!foreign.isEmpty()) {
                throw new CatdogException("The output " + target + " holds files this job did not write ("
                        + String.join(", ", foreign.subList(0, Math.min(3, foreign.size()))) + "), so it is never "
                        + "replaced, not even with --overwrite. Choose a new folder name (nothing was changed).");
            }
            if (!overwrite && fs.listStatus(target).length > 0) {
                throw new OutputFolders.ExistsException(
                        null,
                        "The output " + target + " already exists. Add --overwrite to replace it (only a table "
                                + "that holds nothing but Spark's own files is replaced), or choose a new folder "
                                + "name.");
            }
            return new SparkOutput(fs, target, true);
        } catch (IOException e) {
            throw new CatdogException("Cannot check the output " + target + ": " + e.getMessage(), e);
        }
    }

    /** @return the output, qualified */
    Path target() {
        return target;
    }

    /** @return whether the output folder exists (an earlier table, or an empty folder) */
    boolean exists() {
        return exists;
    }

    /**
     * Writes the table into a hidden folder beside the output, then puts it in place: the old table
     * (checked to be Spark's own files) is moved aside, the new one renamed in, the old one removed.
     *
     * @param write writes a table into the folder it is given (which does not exist yet)
     */
    void replaceWith(Consumer<String> write) {
        Path parent = target.getParent();
        String name = target.getName();
        Path fresh = new Path(parent, "." + name + ".catdog-writing-" + UUID.randomUUID());
        try {
            try {
                write.accept(fresh.toString());
            } catch (RuntimeException e) {
                fs.delete(fresh, true);
                throw e;
            }
            if (fs.exists(target)) {
                Path old = new Path(parent, "." + name + ".catdog-replaced-" + UUID.randomUUID());
                if (!fs.rename(target, old)) {
                    throw new IOException("cannot move " + target + " aside");
                }
                if (!fs.rename(fresh, target)) {
                    fs.rename(old, target);
                    throw new IOException("cannot rename " + fresh + " to " + target);
                }
                fs.delete(old, true); // only Spark's own table files: checked before the job ran
            } else if (!fs.rename(fresh, target)) {
                throw new IOException("cannot rename " + fresh + " to " + target);
            }
        } catch (IOException e) {
            throw new CatdogException(
                    "Could not write " + target + ": " + e.getMessage()
                            + ". An earlier table there (if any) is unchanged.",
                    e);
        }
    }

    private static String withSlash(Path p) {
        String s = p.toUri().toString();
        return s.endsWith("/") ? s : s + "/";
    }
}

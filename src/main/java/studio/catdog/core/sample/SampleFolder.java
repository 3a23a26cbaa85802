package studio.catdog.core.sample;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;

/**
 * The data set folder of a sample data run: whether it may be used (new, empty, or an earlier run's,
 * known by its record {@value SampleData#STATE_FILE}), the record itself, and plain folders in it.
 */
final class SampleFolder {

    private static final Logger log = LoggerFactory.getLogger(SampleFolder.class);
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    static final int STATE_FORMAT = 1;

    private SampleFolder() {}

    /**
     * A record for the state file.
     *
     * @param url where the archive comes from
     * @param limitPerClass the run's limit
     * @param summary the finished data set, or null while the run is not complete
     * @return the record
     */
    static SampleDataState state(String url, int limitPerClass, SampleDataSummary summary) {
        return new SampleDataState(STATE_FORMAT, createdBy(), url, limitPerClass, summary != null, summary);
    }

    /**
     * Reads an earlier run's record, or refuses a folder this command did not make.
     *
     * @return the record, or null for a new or empty folder
     */
    static SampleDataState earlierRun(Path root, int limitPerClass) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new CatdogException(root + " is a file, not a folder. Choose a new or empty folder.");
        }
        Path stateFile = root.resolve(SampleData.STATE_FILE);
        if (Files.isRegularFile(stateFile, LinkOption.NOFOLLOW_LINKS)) {
            SampleDataState s = readState(stateFile);
            if (s.limitPerClass() != limitPerClass) {
                throw new CatdogException(String.format(
                        Locale.ROOT,
                        "%s holds a sample data set made with %s; run again with the same limit to finish or"
                                + " check it, or choose another folder.",
                        root,
                        limitWords(s.limitPerClass())));
            }
            return s;
        }
        if (Files.isDirectory(root) && !isEmpty(root)) {
            throw new CatdogException(root + " is not empty and was not made by the sample data download; it"
                    + " is left as it is. Choose a new or empty folder.");
        }
        return null;
    }

    static String limitWords(int limitPerClass) {
        return limitPerClass == 0
                ? "all images"
                : String.format(Locale.ROOT, "a limit of %,d images per class", limitPerClass);
    }

    private static SampleDataState readState(Path stateFile) {
        try {
            SampleDataState s =
                    GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), SampleDataState.class);
            if (s == null || s.format() != STATE_FORMAT) {
                throw new JsonParseException("unknown format");
            }
            return s;
        } catch (IOException | JsonParseException e) {
            throw new CatdogException(
                    stateFile + " cannot be read (" + e.getMessage() + "); the folder is left as it is."
                            + " Choose a new or empty folder.",
                    e);
        }
    }

    static void writeState(Path root, SampleDataState state) {
        try {
            AtomicFiles.writeString(root.resolve(SampleData.STATE_FILE), GSON.toJson(state));
        } catch (IOException e) {
            throw new CatdogException("cannot write in " + root + " (" + e.getMessage() + ")", e);
        }
    }

    private static String createdBy() {
        return "CatDog Studio sample data download";
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new CatdogException("cannot read " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    /** Creates folders under the data set, refusing a link where a folder should be. */
    static void createPlainDirectories(Path root, Path... dirs) {
        for (Path d : dirs) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new CatdogException("cannot create " + d + " (" + e.getMessage() + ")", e);
            }
            for (Path p = d; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new CatdogException(p + " is a link, not a folder; the sample data set is only written"
                            + " into plain folders. Choose a new or empty folder.");
                }
            }
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}

package studio.catdog.core.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;

/**
 * The journal of {@link DatasetEdits}, {@code <data set>/.catdog/audit.json}: its contents in memory
 * (the moves still in effect and the "keep" decisions), its JSON shape, and reading and writing it.
 *
 * <p>The file is always written whole ({@link AtomicFiles}), so it is the old journal or the new one.
 * Paths in it are relative to the data set, with '/', so the journal travels with the folder. Opening it
 * drops recorded moves whose file never moved (a crash between the journal write and the rename).
 *
 * <p>Not thread-safe: {@link DatasetEdits} holds its lock around every use.
 */
final class AuditJournal {

    private static final Logger log = LoggerFactory.getLogger(AuditJournal.class);
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The only format so far; an older or newer number is refused, never rewritten. */
    private static final int VERSION = 1;

    private final Path root;
    private final Path file;
    private final List<MoveEntry> moves = new ArrayList<>();
    private final Map<String, String> keptImages = new LinkedHashMap<>();
    private final Set<String> keptPairs = new LinkedHashSet<>();

    private AuditJournal(Path root, Path file) {
        this.root = root;
        this.file = file;
    }

    /**
     * Reads a data set's journal, or starts an empty one when there is none yet.
     *
     * @param root the data set folder, absolute and normalised
     * @param file the journal file
     * @return the journal
     * @throws CatdogException when the file is damaged or of another version (it is then left as it is)
     */
    static AuditJournal open(Path root, Path file) {
        AuditJournal journal = new AuditJournal(root, file);
        journal.load();
        return journal;
    }

    /** @return the journal file */
    Path file() {
        return file;
    }

    /** @return the moves still in effect, oldest first; changes are saved with {@link #saveOrRestore} */
    List<MoveEntry> moves() {
        return moves;
    }

    /** @return content hash to data set path of the kept images, in the order they were kept */
    Map<String, String> keptImages() {
        return keptImages;
    }

    /** @return the {@link DatasetEdits#pairKey} of the kept pairs, in the order they were kept */
    Set<String> keptPairs() {
        return keptPairs;
    }

    /**
     * @param abs a path inside the data set, absolute and normalised
     * @return it as the journal writes it: relative to the data set, with '/'
     */
    String relative(Path abs) {
        return root.relativize(abs).toString().replace('\\', '/');
    }

    /**
     * @param e a move in the journal
     * @return it with absolute paths, as callers see it
     */
    MoveRecord toRecord(MoveEntry e) {
        return new MoveRecord(
                e.id,
                MoveRecord.Kind.valueOf(e.kind),
                root.resolve(e.from),
                root.resolve(e.to),
                e.sha256,
                Instant.parse(e.time));
    }

    /**
     * Writes the journal; on failure runs {@code restore} (which puts the contents back as they were)
     * and throws.
     *
     * @param restore undoes the change in memory that could not be saved
     * @throws CatdogException when the file cannot be written
     */
    void saveOrRestore(Runnable restore) {
        try {
            write();
        } catch (IOException e) {
            restore.run();
            throw new CatdogException(
                    "Could not write the audit journal " + file + ": " + IoFailures.describe(e)
                            + ". Nothing was changed.",
                    e);
        }
    }

    /**
     * Writes the journal, only logging a failure: for changes already made on disk, which the next
     * {@link #open} mends if the file keeps the old contents.
     */
    void saveQuietly() {
        try {
            write();
        } catch (IOException e) {
            log.warn("could not write the audit journal {}", file, e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        JournalFile j;
        try {
            j = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JournalFile.class);
        } catch (IOException | JsonParseException e) {
            throw new CatdogException(
                    "The audit journal " + file + " cannot be read (" + e.getMessage()
                            + "). It was left as it is; move it aside to start a new one.",
                    e);
        }
        if (j == null || j.version != VERSION) {
            throw new CatdogException("The audit journal " + file + " is not one this version of CatDog "
                    + "Studio writes. It was left as it is; move it aside to start a new one.");
        }
        int dropped = 0;
        for (MoveEntry e : j.moves == null ? List.<MoveEntry>of() : j.moves) {
            // A move recorded but never made (a crash between the journal write and the rename).
            if (!Files.exists(root.resolve(e.to)) && Files.exists(root.resolve(e.from))) {
                dropped++;
            } else {
                moves.add(e);
            }
        }
        if (j.keptImages != null) {
            keptImages.putAll(j.keptImages);
        }
        if (j.keptPairs != null) {
            keptPairs.addAll(j.keptPairs);
        }
        if (dropped > 0) {
            log.warn("audit journal {}: dropped {} moves that never happened", file, dropped);
            saveQuietly();
        }
    }

    private void write() throws IOException {
        JournalFile j = new JournalFile();
        j.version = VERSION;
        j.moves = new ArrayList<>(moves);
        j.keptImages = new LinkedHashMap<>(keptImages);
        j.keptPairs = new ArrayList<>(keptPairs);
        AtomicFiles.writeString(file, GSON.toJson(j));
    }

    /**
     * The file's shape (Gson): the field names and their order are the format, which older journals
     * share, so they must not change.
     */
    private static final class JournalFile {
        int version;
        List<MoveEntry> moves;
        Map<String, String> keptImages;
        List<String> keptPairs;
    }

    /** One move in the journal (Gson; the field names are the format). Paths are relative, with '/'. */
    static final class MoveEntry {
        String id;
        String kind;
        String from;
        String to;
        String sha256;
        String time;

        MoveEntry(String id, String kind, String from, String to, String sha256, String time) {
            this.id = id;
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.sha256 = sha256;
            this.time = time;
        }
    }
}

package studio.catdog.core.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.ContainedPaths;
import studio.catdog.core.dataset.DatasetScanner;

/**
 * The journal of {@link DatasetEdits}, {@code <data set>/.catdog/audit.json}: its contents in memory
 * (the moves still in effect and the "keep" decisions), its JSON shape, and reading and writing it.
 *
 * <p>The file is always written whole ({@link AtomicFiles}), so it is the old journal or the new one.
 * Paths in it are relative to the data set, with '/', so the journal travels with the folder. Opening it
 * ignores recorded moves whose file never moved (a crash between the journal write and the rename);
 * opening never writes the file.
 *
 * <p>A data set may come from someone else, so its journal is checked whole before anything in it is
 * used: every path must be relative, without {@code ..}, and inside a class folder or {@code excluded/};
 * ids, kinds, hashes and times must be ones this class writes. A journal that fails is refused with the
 * reason and left as it is (its trace is never overwritten). The state folder and the file are never
 * links.
 *
 * <p>Not thread-safe: {@link DatasetEdits} holds its lock around every use.
 */
final class AuditJournal {

    private static final Logger log = LoggerFactory.getLogger(AuditJournal.class);
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The only format so far; an older or newer number is refused, never rewritten. */
    private static final int VERSION = 1;
    /** Far more than any journal this class writes; a larger file is not read at all. */
    private static final long MAX_BYTES = 64L << 20;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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

    /** @return the data set folder */
    Path root() {
        return root;
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

    /** @return the {@link DuplicatePair#keyOf} of the kept pairs, in the order they were kept */
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
                e.id, MoveRecord.Kind.valueOf(e.kind), resolve(e.from), resolve(e.to), e.sha256, Instant.parse(e.time));
    }

    /**
     * @param relative a path of an entry, checked when the journal was read (or written by this class)
     * @return it under the data set
     */
    Path resolve(String relative) {
        return ContainedPaths.resolve(root, relative);
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
        checkStateFolder(root);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(file)) {
            throw new CatdogException("The audit journal " + file + " is a link. CatDog Studio reads and writes a "
                    + "data set's journal only as a plain file inside it; nothing was read or changed.");
        }
        JournalFile j;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CatdogException("The audit journal " + file + " is larger than " + MAX_BYTES / (1 << 20)
                        + " MB, far more than CatDog Studio writes. It was left as it is; move it aside to start "
                        + "a new one.");
            }
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
        List<MoveEntry> entries = j.moves == null ? List.of() : j.moves;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String problem = problemWith(entries.get(i), ids);
            if (problem != null) {
                throw refused("move " + (i + 1) + " " + problem);
            }
        }
        if (j.keptImages != null) {
            for (Map.Entry<String, String> k : j.keptImages.entrySet()) {
                if (k.getKey() == null || k.getValue() == null) {
                    throw refused("a kept image has no hash or no path");
                }
                ContainedPaths.problemWith(k.getValue()).ifPresent(p -> {
                    throw refused("the kept image '" + k.getValue() + "' " + p);
                });
            }
        }
        if (j.keptPairs != null && j.keptPairs.contains(null)) {
            throw refused("a kept pair is empty");
        }
        int dropped = 0;
        for (MoveEntry e : entries) {
            // A move recorded but never made (a crash between the journal write and the rename).
            if (!Files.exists(resolve(e.to), LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(resolve(e.from), LinkOption.NOFOLLOW_LINKS)) {
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
            // Mended in memory only: reading never writes (catdog audit changes nothing); the next change
            // writes the journal without them.
            log.warn("audit journal {}: ignoring {} moves that never happened", file, dropped);
        }
    }

    /**
     * Checks the data set's own folders: {@code .catdog} and {@code excluded} are real folders inside it,
     * never links to elsewhere.
     *
     * @param root the data set
     * @throws CatdogException when one of them is a link
     */
    static void checkStateFolder(Path root) {
        for (String name : List.of(DatasetScanner.STATE_FOLDER, DatasetScanner.EXCLUDED_FOLDER)) {
            Path p = root.resolve(name);
            if (Files.isSymbolicLink(p)) {
                throw new CatdogException(p + " is a link. CatDog Studio keeps a data set's journal ("
                        + DatasetScanner.STATE_FOLDER + "/) and its excluded images (" + DatasetScanner.EXCLUDED_FOLDER
                        + "/) only in real folders inside the data set, so that nothing outside it is read, moved "
                        + "or created; nothing was changed. Replace the link by a folder to edit this data set.");
            }
        }
    }

    /** Why an entry is not one this class writes, or null when it is. */
    private static String problemWith(MoveEntry e, Set<String> ids) {
        if (e == null) {
            return "is empty";
        }
        if (e.id == null || e.id.isBlank()) {
            return "has no 'id'";
        }
        if (!ID.matcher(e.id).matches()) {
            return "has an unusable 'id'";
        }
        if (!ids.add(e.id)) {
            return "repeats the 'id' " + e.id;
        }
        if (e.kind == null) {
            return "has no 'kind'";
        }
        MoveRecord.Kind kind;
        try {
            kind = MoveRecord.Kind.valueOf(e.kind);
        } catch (IllegalArgumentException ex) {
            return "has the unknown 'kind' '" + e.kind + "'";
        }
        if (e.from == null) {
            return "has no 'from'";
        }
        Optional<String> from = JournalPaths.classPathProblem(e.from);
        if (from.isPresent()) {
            return "has the 'from' '" + e.from + "', which " + from.get();
        }
        if (e.to == null) {
            return "has no 'to'";
        }
        Optional<String> to = kind == MoveRecord.Kind.EXCLUDED
                ? JournalPaths.excludedPathProblem(e.to)
                : JournalPaths.classPathProblem(e.to);
        if (to.isPresent()) {
            return "has the 'to' '" + e.to + "', which " + to.get();
        }
        if (e.sha256 == null || !SHA256.matcher(e.sha256).matches()) {
            return "has no usable 'sha256'";
        }
        try {
            Instant.parse(e.time);
        } catch (DateTimeParseException | NullPointerException ex) {
            return "has no usable 'time'";
        }
        return null;
    }

    private CatdogException refused(String what) {
        return new CatdogException("The audit journal " + file + " holds what CatDog Studio never writes: " + what
                + ". Paths in it must stay inside the data set's class folders or " + DatasetScanner.EXCLUDED_FOLDER
                + "/. It may have been made by someone else, so nothing in it was used: it was left as it is and "
                + "nothing was moved. Move it aside to start a new one.");
    }

    private void write() throws IOException {
        checkStateFolder(root);
        ContainedPaths.createDirectories(root, file.getParent());
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a link");
        }
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

package studio.catdog.core.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.image.ImageDecoder;

/**
 * The audit's actions on a data set folder: move an image to another class folder or out of the data
 * set into {@code <data set>/excluded/}, undo any move (also after a restart), and remember "keep"
 * decisions so an image or a pair is not suggested again.
 *
 * <p>Nothing is ever deleted or overwritten: a name already taken at the destination gets a number
 * ({@code cat.1 (2).jpg}). Every move and decision is recorded in {@code <data set>/.catdog/audit.json}
 * (a hidden folder, which the scanner skips), written to a temporary file and moved into place, so the
 * journal is whole or unchanged. A move is written to the journal before the file moves; when the
 * journal is opened, entries whose file never moved (a crash in between) are dropped, so the journal
 * always describes the folder. Decisions are keyed by content hash, so they survive renames and moves;
 * so do cached features (the feature cache is keyed by the same hash).
 *
 * <p>File work: call it off the FX thread. Methods are synchronised, so one instance may be shared.
 */
public final class DatasetEdits {

    private static final Logger log = LoggerFactory.getLogger(DatasetEdits.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The folder (under the data set) that holds the journal. */
    public static final String STATE_FOLDER = ".catdog";
    /** The journal's file name. */
    public static final String JOURNAL_FILE = "audit.json";
    private static final int VERSION = 1;

    private final Path root;
    private final Path journalFile;
    private final List<Entry> moves = new ArrayList<>();
    private final Map<String, String> keptImages = new LinkedHashMap<>();
    private final Set<String> keptPairs = new LinkedHashSet<>();

    private DatasetEdits(Path root) {
        this.root = root;
        this.journalFile = root.resolve(STATE_FOLDER).resolve(JOURNAL_FILE);
    }

    /**
     * Opens the edits of a data set folder, reading its journal if there is one.
     *
     * @param datasetRoot the data set folder (as opened by the scanner)
     * @return the edits
     * @throws CatdogException when the folder does not exist, or the journal is damaged (it is then
     *     left as it is, so nothing it remembers is lost)
     */
    public static DatasetEdits open(Path datasetRoot) {
        Path root = datasetRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CatdogException("The folder " + root + " does not exist.");
        }
        DatasetEdits edits = new DatasetEdits(root);
        edits.load();
        return edits;
    }

    /** @return the data set folder */
    public Path root() {
        return root;
    }

    /** @return the folder excluded images are moved into: {@code <data set>/excluded} */
    public Path excludedFolder() {
        return root.resolve(DatasetScanner.EXCLUDED_FOLDER);
    }

    /** @return the journal file */
    public Path journalFile() {
        return journalFile;
    }

    /**
     * Moves an image into another class folder of the same split ({@code training_set/cats/x.jpg} to
     * {@code training_set/dogs/x.jpg}); the folder is created if needed.
     *
     * @param file the image, inside a class folder of this data set
     * @param className the class to move it to
     * @return the move, with the name the file got
     * @throws CatdogException when the file is not in a class folder here, is already in that class,
     *     the class name is not a plain folder name, or the file cannot be moved (nothing changes then)
     */
    public synchronized MoveRecord moveToClass(Path file, String className) {
        Path abs = file.toAbsolutePath().normalize();
        Path classDir = classFolderOf(abs);
        if (className == null || className.isBlank() || className.startsWith(".") || className.contains("/")
                || className.contains("\\") || className.equals("..")) {
            throw new CatdogException("'" + className + "' is not a class folder name.");
        }
        if (classDir.getFileName().toString().equals(className)) {
            throw new CatdogException(abs.getFileName() + " is already in the class '" + className + "'.");
        }
        Path target = classDir.resolveSibling(className).resolve(abs.getFileName());
        return move(abs, target, MoveRecord.Kind.TO_CLASS);
    }

    /**
     * Moves an image out of the data set into {@code excluded/}, keeping its path inside the data set
     * ({@code training_set/cats/x.jpg} to {@code excluded/training_set/cats/x.jpg}), so scans, training
     * and audits no longer see it.
     *
     * @param file the image, inside a class folder of this data set
     * @return the move
     * @throws CatdogException when the file is not in a class folder here or cannot be moved
     */
    public synchronized MoveRecord exclude(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        classFolderOf(abs); // checks that it is an image of this data set
        Path target = excludedFolder().resolve(root.relativize(abs));
        return move(abs, target, MoveRecord.Kind.EXCLUDED);
    }

    /**
     * Puts a moved file back where it was (with a number added to its name if that name was taken
     * since).
     *
     * @param moveId the move's id
     * @return where the file is now
     * @throws CatdogException when there is no such move still in effect, or its file is no longer
     *     where the move put it (nothing changes then)
     */
    public synchronized Path undo(String moveId) {
        Entry e = moves.stream().filter(m -> m.id.equals(moveId)).findFirst()
                .orElseThrow(() -> new CatdogException("There is no move " + moveId + " to undo."));
        Path from = root.resolve(e.from);
        Path to = root.resolve(e.to);
        if (!Files.isRegularFile(to)) {
            throw new CatdogException("Cannot undo: " + to + " is no longer there, so it cannot be moved back to "
                    + from + ".");
        }
        Path back = freeName(from);
        try {
            Files.createDirectories(back.getParent());
            Files.move(to, back, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new CatdogException("Could not move " + to + " back to " + back + ": " + describe(ex)
                    + ". Nothing was changed.", ex);
        }
        // The file moves first: if the journal cannot be written now, it still lists the move, and the
        // next open() drops that entry because its file is no longer where the move put it.
        moves.remove(e);
        writeQuietly();
        log.info("undid move {}: {} -> {}", moveId, to, back);
        return back;
    }

    /**
     * Undoes the latest move still in effect.
     *
     * @return where the file is now, or empty when there is no move to undo
     */
    public synchronized Optional<Path> undoLast() {
        return moves.isEmpty() ? Optional.empty() : Optional.of(undo(moves.get(moves.size() - 1).id));
    }

    /** @return the moves still in effect, oldest first */
    public synchronized List<MoveRecord> moves() {
        return moves.stream().map(this::toRecord).toList();
    }

    /**
     * Remembers that an image's label is right, so the audit does not suggest it again.
     *
     * @param sha256 the image's content hash
     * @param file the image, for people reading the journal
     */
    public synchronized void keep(String sha256, Path file) {
        if (keptImages.containsKey(sha256)) {
            return;
        }
        Map<String, String> before = new LinkedHashMap<>(keptImages);
        keptImages.put(sha256, relative(file.toAbsolutePath().normalize()));
        saveOrRestore(() -> {
            keptImages.clear();
            keptImages.putAll(before);
        });
    }

    /**
     * Forgets a "keep" decision, so the image can be suggested again.
     *
     * @param sha256 the image's content hash
     */
    public synchronized void forgetKeep(String sha256) {
        String was = keptImages.remove(sha256);
        if (was != null) {
            saveOrRestore(() -> keptImages.put(sha256, was));
        }
    }

    /**
     * Remembers that two images are not duplicates (or that both are wanted), so the pair is not
     * reported again.
     *
     * @param sha256a one image's content hash
     * @param sha256b the other's
     */
    public synchronized void keepPair(String sha256a, String sha256b) {
        String key = pairKey(sha256a, sha256b);
        if (keptPairs.add(key)) {
            saveOrRestore(() -> keptPairs.remove(key));
        }
    }

    /**
     * Forgets a "keep" decision about a pair, so it can be reported again (the undo of
     * {@link #keepPair}).
     *
     * @param sha256a one image's content hash
     * @param sha256b the other's
     */
    public synchronized void forgetPair(String sha256a, String sha256b) {
        String key = pairKey(sha256a, sha256b);
        if (keptPairs.remove(key)) {
            saveOrRestore(() -> keptPairs.add(key));
        }
    }

    /**
     * @param sha256 an image's content hash
     * @return whether the user kept it
     */
    public synchronized boolean isKept(String sha256) {
        return keptImages.containsKey(sha256);
    }

    /**
     * @param sha256a one image's content hash
     * @param sha256b the other's
     * @return whether the user kept this pair
     */
    public synchronized boolean isPairKept(String sha256a, String sha256b) {
        return keptPairs.contains(pairKey(sha256a, sha256b));
    }

    /** @return a snapshot of the decisions, for an audit run on another thread */
    public synchronized Decisions decisions() {
        return new Decisions(Set.copyOf(keptImages.keySet()), Set.copyOf(keptPairs));
    }

    /**
     * The "keep" decisions at one moment, immutable.
     *
     * @param keptImages content hashes of images whose label the user confirmed
     * @param keptPairs {@link #pairKey} of pairs the user kept
     */
    public record Decisions(Set<String> keptImages, Set<String> keptPairs) {

        /** No decisions. */
        public static final Decisions NONE = new Decisions(Set.of(), Set.of());

        /** Copies the sets. */
        public Decisions {
            keptImages = Set.copyOf(keptImages);
            keptPairs = Set.copyOf(keptPairs);
        }
    }

    /**
     * An order-free key for a pair of images.
     *
     * @param sha256a one content hash
     * @param sha256b the other
     * @return both hashes, smaller first, joined by '+'
     */
    public static String pairKey(String sha256a, String sha256b) {
        return sha256a.compareTo(sha256b) <= 0 ? sha256a + "+" + sha256b : sha256b + "+" + sha256a;
    }

    // ---- moves ----

    private MoveRecord move(Path from, Path wanted, MoveRecord.Kind kind) {
        if (!Files.isRegularFile(from)) {
            throw new CatdogException(from + " is not there any more; nothing was moved.");
        }
        String sha = DatasetScanner.sha256(ImageDecoder.readBytes(from));
        Path to = freeName(wanted);
        Entry e = new Entry(UUID.randomUUID().toString(), kind.name(), relative(from), relative(to), sha,
                Instant.now().toString());
        List<Entry> before = new ArrayList<>(moves);
        moves.add(e);
        saveOrRestore(() -> {
            moves.clear();
            moves.addAll(before);
        });
        try {
            Files.createDirectories(to.getParent());
            // ATOMIC_MOVE: a rename, never a copy and delete; it refuses to replace on most systems, and
            // freeName() made sure nothing is there.
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            moves.remove(e);
            writeQuietly();
            throw new CatdogException("Could not move " + from + " to " + to + ": " + describe(ex)
                    + ". Nothing was changed.", ex);
        }
        log.info("moved {} -> {}", from, to);
        return toRecord(e);
    }

    /** The class folder an image is in: {@code <root>/<split>/<class>} or {@code <root>/<class>}. */
    private Path classFolderOf(Path file) {
        if (!file.startsWith(root) || file.equals(root)) {
            throw new CatdogException(file + " is not inside the data set " + root + ".");
        }
        Path rel = root.relativize(file);
        if (rel.getName(0).toString().equals(DatasetScanner.EXCLUDED_FOLDER)
                || rel.getName(0).toString().startsWith(".")) {
            throw new CatdogException(file + " is not an image of the data set (it is in "
                    + rel.getName(0) + "/).");
        }
        boolean inSplit = rel.getNameCount() >= 3 && DatasetScanner.isSplitFolderName(rel.getName(0).toString());
        int classIndex = inSplit ? 1 : 0;
        if (rel.getNameCount() < classIndex + 2) {
            throw new CatdogException(file + " is not inside a class folder of " + root + ".");
        }
        return root.resolve(rel.subpath(0, classIndex + 1));
    }

    /** The wanted path, or the first free "name (n).ext" beside it. */
    private static Path freeName(Path wanted) {
        if (!Files.exists(wanted, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; ; n++) {
            Path p = wanted.resolveSibling(stem + " (" + n + ")" + ext);
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }

    private String relative(Path abs) {
        return root.relativize(abs).toString().replace('\\', '/');
    }

    private MoveRecord toRecord(Entry e) {
        return new MoveRecord(e.id, MoveRecord.Kind.valueOf(e.kind), root.resolve(e.from), root.resolve(e.to),
                e.sha256, Instant.parse(e.time));
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name appeared there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ---- the journal ----

    private void load() {
        if (!Files.exists(journalFile)) {
            return;
        }
        Journal j;
        try {
            j = GSON.fromJson(Files.readString(journalFile, StandardCharsets.UTF_8), Journal.class);
        } catch (IOException | JsonParseException e) {
            throw new CatdogException("The audit journal " + journalFile + " cannot be read (" + e.getMessage()
                    + "). It was left as it is; move it aside to start a new one.", e);
        }
        if (j == null || j.version != VERSION) {
            throw new CatdogException("The audit journal " + journalFile + " is not one this version of CatDog "
                    + "Studio writes. It was left as it is; move it aside to start a new one.");
        }
        int dropped = 0;
        for (Entry e : j.moves == null ? List.<Entry>of() : j.moves) {
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
            log.warn("audit journal {}: dropped {} moves that never happened", journalFile, dropped);
            writeQuietly();
        }
    }

    /** Writes the journal; on failure runs {@code restore} and throws. */
    private void saveOrRestore(Runnable restore) {
        try {
            write();
        } catch (IOException e) {
            restore.run();
            throw new CatdogException("Could not write the audit journal " + journalFile + ": " + describe(e)
                    + ". Nothing was changed.", e);
        }
    }

    private void writeQuietly() {
        try {
            write();
        } catch (IOException e) {
            log.warn("could not write the audit journal {}", journalFile, e);
        }
    }

    private void write() throws IOException {
        Journal j = new Journal();
        j.version = VERSION;
        j.moves = new ArrayList<>(moves);
        j.keptImages = new LinkedHashMap<>(keptImages);
        j.keptPairs = new ArrayList<>(keptPairs);
        AtomicFiles.writeString(journalFile, GSON.toJson(j));
    }

    /** The journal file's shape (Gson). Paths are relative to the data set, with '/'. */
    private static final class Journal {
        int version;
        List<Entry> moves;
        Map<String, String> keptImages;
        List<String> keptPairs;
    }

    /** One move in the journal (Gson). */
    private static final class Entry {
        String id;
        String kind;
        String from;
        String to;
        String sha256;
        String time;

        Entry(String id, String kind, String from, String to, String sha256, String time) {
            this.id = id;
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.sha256 = sha256;
            this.time = time;
        }
    }
}

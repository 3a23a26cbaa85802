package studio.catdog.core.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.DatasetScanner;

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
 * always describes the folder. KeptFindings are keyed by content hash, so they survive renames and moves;
 * so do cached features (the feature cache is keyed by the same hash).
 *
 * <p>File work: call it off the FX thread. Methods are synchronised, so one instance may be shared.
 *
 * <p>This class is the entry point and holds the lock; the work is done by its parts, which are not
 * thread-safe on their own: {@code AuditJournal} (the journal's contents, JSON shape, load and save),
 * {@code ImageMoves} (moves to free names, and undo) and {@code KeepDecisions}.
 */
public final class DatasetEdits {

    /** The journal's file name. */
    public static final String JOURNAL_FILE = "audit.json";

    private final Path root;
    private final AuditJournal journal;
    private final ImageMoves moves;
    private final KeepDecisions decisions;

    private DatasetEdits(Path root, AuditJournal journal) {
        this.root = root;
        this.journal = journal;
        this.moves = new ImageMoves(root, journal);
        this.decisions = new KeepDecisions(journal);
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
        return new DatasetEdits(
                root,
                AuditJournal.open(
                        root, root.resolve(DatasetScanner.STATE_FOLDER).resolve(JOURNAL_FILE)));
    }

    /** @return the data set folder */
    public Path root() {
        return root;
    }

    /** @return the folder excluded images are moved into: {@code <data set>/excluded} */
    public Path excludedFolder() {
        return moves.excludedFolder();
    }

    /** @return the journal file */
    public Path journalFile() {
        return journal.file();
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
        return moves.moveToClass(file, className);
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
        return moves.exclude(file);
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
        return moves.undo(moveId);
    }

    /**
     * Undoes the latest move still in effect.
     *
     * @return where the file is now, or empty when there is no move to undo
     */
    public synchronized Optional<Path> undoLast() {
        return moves.undoLast();
    }

    /** @return the moves still in effect, oldest first */
    public synchronized List<MoveRecord> moves() {
        return moves.moves();
    }

    /**
     * Remembers that an image's label is right, so the audit does not suggest it again.
     *
     * @param sha256 the image's content hash
     * @param file the image, for people reading the journal
     */
    public synchronized void keep(String sha256, Path file) {
        decisions.keep(sha256, file);
    }

    /**
     * Forgets a "keep" decision, so the image can be suggested again.
     *
     * @param sha256 the image's content hash
     */
    public synchronized void forgetKeep(String sha256) {
        decisions.forgetKeep(sha256);
    }

    /**
     * Remembers that two images are not duplicates (or that both are wanted), so the pair is not
     * reported again.
     *
     * @param sha256a one image's content hash
     * @param sha256b the other's
     */
    public synchronized void keepPair(String sha256a, String sha256b) {
        decisions.keepPair(sha256a, sha256b);
    }

    /**
     * Forgets a "keep" decision about a pair, so it can be reported again (the undo of
     * {@link #keepPair}).
     *
     * @param sha256a one image's content hash
     * @param sha256b the other's
     */
    public synchronized void forgetPair(String sha256a, String sha256b) {
        decisions.forgetPair(sha256a, sha256b);
    }

    /**
     * @param sha256 an image's content hash
     * @return whether the user kept it
     */
    public synchronized boolean isKept(String sha256) {
        return decisions.isKept(sha256);
    }

    /**
     * @param sha256a one image's content hash
     * @param sha256b the other's
     * @return whether the user kept this pair
     */
    public synchronized boolean isPairKept(String sha256a, String sha256b) {
        return decisions.isPairKept(sha256a, sha256b);
    }

    /** @return a snapshot of the decisions, for an audit run on another thread */
    public synchronized KeptFindings decisions() {
        return decisions.snapshot();
    }
}

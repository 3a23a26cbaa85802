package studio.catdog.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.ContainedPaths;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.image.ImageDecoder;

/**
 * The file moves of {@link DatasetEdits}: an image to another class folder or into {@code excluded/},
 * always to a free name ({@code cat.1 (2).jpg}, never replacing a file), and their undo.
 *
 * <p>The order is what makes a crash harmless: a move is recorded in the {@link AuditJournal} before
 * the file is renamed (the journal drops it on open if the rename never happened), and an undo renames
 * the file back before the record is removed (the same drop mends a crash in between).
 *
 * <p>Every path is checked before anything moves: no folder between the data set and the file (split,
 * class, {@code excluded/} and below) may be a link, folders are created only inside the data set, and an
 * undo moves a file back only when its SHA-256 is the one recorded.
 *
 * <p>Not thread-safe: {@link DatasetEdits} holds its lock around every use.
 */
final class ImageMoves {

    private static final Logger log = LoggerFactory.getLogger(ImageMoves.class);

    private final Path root;
    private final AuditJournal journal;

    /**
     * @param root the data set folder, absolute and normalised
     * @param journal its journal, which records the moves
     */
    ImageMoves(Path root, AuditJournal journal) {
        this.root = root;
        this.journal = journal;
    }

    /** @return {@code <data set>/excluded} */
    Path excludedFolder() {
        return root.resolve(DatasetScanner.EXCLUDED_FOLDER);
    }

    /** See {@link DatasetEdits#moveToClass}. */
    MoveRecord moveToClass(Path file, String className) {
        Path abs = file.toAbsolutePath().normalize();
        Path classDir = classFolderOf(abs);
        if (className == null
                || className.isBlank()
                || className.startsWith(".")
                || className.contains("/")
                || className.contains("\\")
                || className.equals("..")) {
            throw new CatdogException("'" + className + "' is not a class folder name.");
        }
        if (classDir.getFileName().toString().equals(className)) {
            throw new CatdogException(abs.getFileName() + " is already in the class '" + className + "'.");
        }
        Path target = classDir.resolveSibling(className).resolve(abs.getFileName());
        ContainedPaths.requireNoLinks(root, target, false);
        return move(abs, target, MoveRecord.Kind.TO_CLASS);
    }

    /** See {@link DatasetEdits#exclude}. */
    MoveRecord exclude(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        classFolderOf(abs); // checks that it is an image of this data set
        Path target = excludedFolder().resolve(root.relativize(abs));
        ContainedPaths.requireNoLinks(root, target, false);
        return move(abs, target, MoveRecord.Kind.EXCLUDED);
    }

    /** See {@link DatasetEdits#undo}. */
    Path undo(String moveId) {
        List<AuditJournal.MoveEntry> moves = journal.moves();
        AuditJournal.MoveEntry e = moves.stream()
                .filter(m -> m.id.equals(moveId))
                .findFirst()
                .orElseThrow(() -> new CatdogException("There is no move " + moveId + " to undo."));
        Path from = journal.resolve(e.from);
        Path to = journal.resolve(e.to);
        // The journal's text is inside the data set; a folder on the way may still be a link to elsewhere.
        ContainedPaths.requireNoLinks(root, to, false);
        ContainedPaths.requireNoLinks(root, from, false);
        if (!Files.isRegularFile(to)) {
            throw new CatdogException(
                    "Cannot undo: " + to + " is no longer there, so it cannot be moved back to " + from + ".");
        }
        String sha = DatasetScanner.sha256(ImageDecoder.readBytes(to));
        if (!sha.equals(e.sha256)) {
            throw new CatdogException("Cannot undo: " + to + " is not the file that was moved there (its SHA-256 is "
                    + sha + ", the journal recorded " + e.sha256 + "), so nothing was moved.");
        }
        Path back = freeName(from);
        try {
            ContainedPaths.createDirectories(root, back.getParent());
            Files.move(to, back, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new CatdogException(
                    "Could not move " + to + " back to " + back + ": " + IoFailures.describe(ex)
                            + ". Nothing was changed.",
                    ex);
        }
        // The file moves first: if the journal cannot be written now, it still lists the move, and the
        // next open() drops that entry because its file is no longer where the move put it.
        moves.remove(e);
        journal.saveQuietly();
        log.info("undid move {}: {} -> {}", moveId, to, back);
        return back;
    }

    /** See {@link DatasetEdits#undoLast}. */
    Optional<Path> undoLast() {
        List<AuditJournal.MoveEntry> moves = journal.moves();
        return moves.isEmpty() ? Optional.empty() : Optional.of(undo(moves.get(moves.size() - 1).id));
    }

    /** @return the moves still in effect, oldest first */
    List<MoveRecord> moves() {
        return journal.moves().stream().map(journal::toRecord).toList();
    }

    private MoveRecord move(Path from, Path wanted, MoveRecord.Kind kind) {
        ContainedPaths.requireNoLinks(root, from, false);
        if (!Files.isRegularFile(from)) {
            throw new CatdogException(from + " is not there any more; nothing was moved.");
        }
        String sha = DatasetScanner.sha256(ImageDecoder.readBytes(from));
        Path to = freeName(wanted);
        AuditJournal.MoveEntry e = new AuditJournal.MoveEntry(
                UUID.randomUUID().toString(),
                kind.name(),
                journal.relative(from),
                journal.relative(to),
                sha,
                Instant.now().toString());
        List<AuditJournal.MoveEntry> moves = journal.moves();
        List<AuditJournal.MoveEntry> before = new ArrayList<>(moves);
        moves.add(e);
        journal.saveOrRestore(() -> {
            moves.clear();
            moves.addAll(before);
        });
        try {
            ContainedPaths.createDirectories(root, to.getParent());
            // ATOMIC_MOVE: a rename, never a copy and delete; it refuses to replace on most systems, and
            // freeName() made sure nothing is there.
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | CatdogException ex) {
            moves.remove(e);
            journal.saveQuietly();
            if (ex instanceof CatdogException ce) {
                throw ce;
            }
            throw new CatdogException(
                    "Could not move " + from + " to " + to + ": " + IoFailures.describe((IOException) ex)
                            + ". Nothing was changed.",
                    ex);
        }
        log.info("moved {} -> {}", from, to);
        return journal.toRecord(e);
    }

    /** The class folder an image is in: {@code <root>/<split>/<class>} or {@code <root>/<class>}. */
    private Path classFolderOf(Path file) {
        if (!file.startsWith(root) || file.equals(root)) {
            throw new CatdogException(file + " is not inside the data set " + root + ".");
        }
        Path rel = root.relativize(file);
        if (rel.getName(0).toString().equals(DatasetScanner.EXCLUDED_FOLDER)
                || rel.getName(0).toString().startsWith(".")) {
            throw new CatdogException(file + " is not an image of the data set (it is in " + rel.getName(0) + "/).");
        }
        boolean inSplit = rel.getNameCount() >= 3
                && DatasetScanner.isSplitFolderName(rel.getName(0).toString());
        int classIndex = inSplit ? 1 : 0;
        if (rel.getNameCount() < classIndex + 2) {
            throw new CatdogException(file + " is not inside a class folder of " + root + ".");
        }
        return root.resolve(rel.subpath(0, classIndex + 1));
    }

    /** The wanted path, or the first free "name (n).ext" beside it. */
    private static Path freeName(Path wanted) {
        if (!Files.exists(wanted, LinkOption.NOFOLLOW_LINKS)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; ; n++) {
            Path p = wanted.resolveSibling(stem + " (" + n + ")" + ext);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }
}

package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.Failures;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The audit's "Recent changes" list and the data set's journal behind it: the changes still in
 * effect (moves of this session and of earlier ones, "keep" decisions of this one), newest first, and
 * their undo. What an undo means for the rows that show the image is left to the owner,
 * {@link AuditViewModel}, which wires the two callbacks. Used on the UI thread only.
 */
final class RecentChangesViewModel {

    private final ModelService service;
    private final UiJobs jobs;
    private final BiConsumer<MoveRecord, Path> moveUndone;
    private final Consumer<List<ImageSample>> keepUndone;
    private final AtomicLong ids = new AtomicLong();
    private final ObservableList<AuditChange> changes = FXCollections.observableArrayList();
    private DatasetEdits edits;

    /**
     * @param service undoes moves as jobs
     * @param session receives errors
     * @param executor moves results to the UI thread
     * @param moveUndone updates the rows after a move was undone: the move, and where the file is again
     * @param keepUndone updates the rows after a "keep" was forgotten: the images it was about (one
     *     for a label, two or more for duplicates)
     */
    RecentChangesViewModel(
            ModelService service,
            Session session,
            TaskExecutor executor,
            BiConsumer<MoveRecord, Path> moveUndone,
            Consumer<List<ImageSample>> keepUndone) {
        this.service = service;
        this.jobs = new UiJobs(executor, session);
        this.moveUndone = moveUndone;
        this.keepUndone = keepUndone;
    }

    /** @return the open data set's journal, null before the first audit of this data set */
    DatasetEdits edits() {
        return edits;
    }

    /** A journal as read off the UI thread: the edits and the moves it records. */
    private record Journal(DatasetEdits edits, List<MoveRecord> moves) {}

    /**
     * Opens the data set's journal (off the UI thread) and lists the moves made earlier (in another
     * session too), so they can be undone here. A journal already open for this folder is reused.
     *
     * @param root the data set folder
     * @return completes on the UI thread with the journal, or exceptionally when it could not be read
     */
    CompletableFuture<DatasetEdits> open(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        if (edits != null && edits.root().equals(abs)) {
            return CompletableFuture.completedFuture(edits);
        }
        return jobs.call(() -> {
                    DatasetEdits opened = DatasetEdits.open(abs);
                    return new Journal(opened, opened.moves());
                })
                .onSuccess(journal -> {
                    edits = journal.edits();
                    changes.clear();
                    for (MoveRecord m : journal.moves()) {
                        changes.add(0, new AuditChange(ids.incrementAndGet(), describe(m), m, List.of()));
                    }
                })
                .startOrFail()
                .thenApply(Journal::edits);
    }

    /**
     * {@link #open(Path)} for callers that take callbacks.
     *
     * @param root the data set folder
     * @param then runs on the UI thread with the journal
     * @param failed runs on the UI thread when the journal could not be read
     */
    void open(Path root, Consumer<DatasetEdits> then, Consumer<Throwable> failed) {
        open(root).whenComplete((opened, error) -> {
            if (error != null) {
                failed.accept(Failures.unwrap(error));
            } else {
                then.accept(opened);
            }
        });
    }

    /** Forgets the journal and its changes (another data set was opened). */
    void close() {
        edits = null;
        changes.clear();
    }

    /**
     * Lists a move that was made, newest first.
     *
     * @param move the move
     */
    void recordMove(MoveRecord move) {
        changes.add(0, new AuditChange(ids.incrementAndGet(), describe(move), move, List.of()));
    }

    /**
     * Lists a "keep" decision that was recorded in the journal, newest first.
     *
     * @param text what was done, in words
     * @param kept the images it is about
     */
    void recordKeep(String text, List<ImageSample> kept) {
        changes.add(0, new AuditChange(ids.incrementAndGet(), text, null, kept));
    }

    /**
     * Undoes a change: a move puts the file back where it was; a "keep" is forgotten.
     *
     * @param change the change
     * @return completes on the UI thread (false when it could not be undone; the reason is shown)
     */
    CompletableFuture<Boolean> undo(AuditChange change) {
        DatasetEdits e = edits;
        if (e == null || !changes.contains(change)) {
            return CompletableFuture.completedFuture(false);
        }
        // Out of the list at once, so it cannot be undone twice; back in if the undo fails.
        int at = changes.indexOf(change);
        changes.remove(change);
        Consumer<Throwable> putBack = error -> changes.add(Math.min(at, changes.size()), change);
        String what = Messages.get("audit.undoing", change.text());
        if (change.move() != null) {
            MoveRecord m = change.move();
            return jobs.job(() -> service.undoMove(e, m.id()))
                    .onSuccess(back -> moveUndone.accept(m, back))
                    .onFailure(putBack)
                    .reportFailureAs(what)
                    .treatCancelAsFailure()
                    .startOrFail()
                    .handle((back, error) -> error == null);
        }
        List<ImageSample> samples = change.keptSamples();
        return jobs.call(() -> {
                    forget(e, samples);
                    return samples;
                })
                .onSuccess(keepUndone)
                .onFailure(putBack)
                .reportFailureAs(what)
                .startOrFail()
                .handle((forgotten, error) -> error == null);
    }

    /** Forgets a "keep" decision in the journal: of one image, or of every pair of a duplicate finding. */
    private static void forget(DatasetEdits e, List<ImageSample> samples) {
        if (samples.size() == 1) {
            e.forgetKeep(samples.get(0).sha256());
            return;
        }
        for (int a = 0; a < samples.size(); a++) {
            for (int b = a + 1; b < samples.size(); b++) {
                e.forgetPair(samples.get(a).sha256(), samples.get(b).sha256());
            }
        }
    }

    /**
     * Undoes the latest change still in effect.
     *
     * @return completes on the UI thread (false when there was nothing to undo)
     */
    CompletableFuture<Boolean> undoLast() {
        return changes.isEmpty() ? CompletableFuture.completedFuture(false) : undo(changes.get(0));
    }

    /**
     * The change that made an image what it is now (moved, excluded or kept).
     *
     * @param item the image
     * @return the change, or null when none is listed
     */
    AuditChange changeFor(AuditItem item) {
        for (AuditChange c : changes) {
            if (c.move() != null
                    ? c.move().to().equals(item.path())
                    : c.keptSamples().size() == 1 && c.keptSamples().get(0).equals(item.sample())) {
                return c;
            }
        }
        return null;
    }

    /**
     * The "keep" decision about exactly these images (a duplicate finding).
     *
     * @param samples the images, in the finding's order
     * @return the change, or null when none is listed
     */
    AuditChange keepFor(List<ImageSample> samples) {
        return changes.stream()
                .filter(c -> c.move() == null && c.keptSamples().equals(samples))
                .findFirst()
                .orElse(null);
    }

    /** @return changes still in effect, newest first */
    ObservableList<AuditChange> changes() {
        return changes;
    }

    /**
     * A move in words, as the list shows it.
     *
     * @param m the move
     * @return "Moved a.jpg from cats to dogs" or "Excluded a.jpg (was in cats)"
     */
    static String describe(MoveRecord m) {
        String name = m.to().getFileName().toString();
        String from = m.from().getParent().getFileName().toString();
        return m.kind() == MoveRecord.Kind.TO_CLASS
                ? Messages.get(
                        "audit.movedFromTo", name, from, m.to().getParent().getFileName())
                : Messages.get("audit.excludedFrom", name, from);
    }
}

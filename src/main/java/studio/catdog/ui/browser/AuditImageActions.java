package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.browser.AuditRows.Status;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The actions on one audited image that both tabs offer: move it to another class, exclude it, keep
 * it. Each marks every row that shows the image as working, runs the change (moves as jobs on the
 * files lane, "keep" decisions written to the journal off the UI thread), lists it in Recent changes
 * and sets the rows to what became of the image. After each move the open data set is scanned again,
 * so the browser's counts and grid follow. Owned by {@link AuditViewModel}; used on the UI thread only.
 */
final class AuditImageActions {

    /** A list of rows that shows audited images (an image may be a suspect and a duplicate). */
    interface Rows {

        /**
         * @param sample the image as the audit saw it
         * @return the image as a row shows it now, or null when no row shows it
         */
        AuditItem find(ImageSample sample);

        /**
         * Applies a change to every image of these rows that matches.
         *
         * @param which the images to change
         * @param change the change
         */
        void updateWhere(Predicate<AuditItem> which, UnaryOperator<AuditItem> change);
    }

    private final ModelService service;
    private final UiJobs jobs;
    private final BrowserViewModel browser;
    private final RecentChangesViewModel changes;
    private final List<Rows> shownIn = new ArrayList<>();
    private boolean rescanning;
    private boolean rescanAgain;

    /**
     * @param service moves files as jobs
     * @param session receives errors
     * @param executor moves results to the UI thread
     * @param browser scanned again after each move, so its counts and grid follow
     * @param changes the journal; lists each change
     */
    AuditImageActions(
            ModelService service,
            Session session,
            TaskExecutor executor,
            BrowserViewModel browser,
            RecentChangesViewModel changes) {
        this.service = service;
        this.jobs = new UiJobs(executor, session);
        this.browser = browser;
        this.changes = changes;
    }

    /**
     * Adds a list of rows whose images follow the actions; the lists are searched in the order added.
     *
     * @param rows the rows
     */
    void showIn(Rows rows) {
        shownIn.add(rows);
    }

    /** @return whether the data set's journal is open, so images can be changed */
    boolean canEdit() {
        return changes.edits() != null;
    }

    /**
     * Moves an image into another class folder of its split.
     *
     * @param item the image
     * @param className the class
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    CompletableFuture<MoveRecord> move(AuditItem item, String className) {
        return moveFile(
                item,
                e -> service.moveToClass(e, item.path(), className),
                Status.MOVED,
                className,
                Messages.get("audit.moving", item.fileName(), className));
    }

    /**
     * Moves an image out of the data set into {@code excluded/} (nothing is deleted).
     *
     * @param item the image
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    CompletableFuture<MoveRecord> exclude(AuditItem item) {
        return moveFile(
                item,
                e -> service.exclude(e, item.path()),
                Status.EXCLUDED,
                null,
                Messages.get("audit.excluding", item.fileName()));
    }

    /**
     * The one flow of a move and an exclude: the rows show the image as working, the move runs as a job,
     * then it is listed in Recent changes, the rows show what became of the image, and the data set is
     * scanned again; a failure puts the rows back and is reported.
     *
     * @param item the image
     * @param submit submits the move job on the journal
     * @param after the rows' status when it moved
     * @param className the class folder it moves into, or null when it keeps its class (an exclude)
     * @param what what is being done, for the error banner
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    private CompletableFuture<MoveRecord> moveFile(
            AuditItem item,
            Function<DatasetEdits, Job<MoveRecord>> submit,
            Status after,
            String className,
            String what) {
        DatasetEdits e = changes.edits();
        if (e == null || !current(item).actionable()) {
            return CompletableFuture.completedFuture(null);
        }
        update(item.sample(), i -> i.with(Status.WORKING, i.className(), i.path()));
        return jobs.job(() -> submit.apply(e))
                .onSuccess(m -> {
                    // The change first: the row's Undo looks it up when the row redraws.
                    changes.recordMove(m);
                    update(item.sample(), i -> i.with(after, className != null ? className : i.className(), m.to()));
                    rescan();
                })
                .onFailure(error -> update(item.sample(), i -> i.with(Status.OPEN, i.className(), i.path())))
                .reportFailureAs(what)
                .treatCancelAsFailure()
                .start();
    }

    /**
     * Records a "keep" decision in the journal (off the UI thread) and lists it; the callers have
     * checked that the journal is open.
     *
     * @param items the images whose rows show "kept" (none for a duplicate finding, whose row says so)
     * @param kept the images the decision is about
     * @param text the decision in words, "Kept …"
     * @param failureWhat what was being done, for the error banner: "Keeping …"
     * @param record writes the decision to the journal
     * @return completes on the UI thread (false when it could not be recorded; the reason is shown)
     */
    CompletableFuture<Boolean> keep(
            List<AuditItem> items,
            List<ImageSample> kept,
            String text,
            String failureWhat,
            Consumer<DatasetEdits> record) {
        DatasetEdits e = changes.edits();
        for (AuditItem i : items) {
            update(i.sample(), x -> x.with(Status.WORKING, x.className(), x.path()));
        }
        return jobs.call(() -> {
                    record.accept(e);
                    return kept;
                })
                .onSuccess(recorded -> {
                    changes.recordKeep(text, recorded);
                    show(items, Status.KEPT);
                })
                .onFailure(error -> show(items, Status.OPEN))
                .reportFailureAs(failureWhat)
                .startOrFail()
                .handle((recorded, error) -> error == null);
    }

    private void show(List<AuditItem> items, Status status) {
        for (AuditItem i : items) {
            update(i.sample(), x -> x.with(status, x.className(), x.path()));
        }
    }

    /**
     * Sets the rows of a file whose move was undone back to open, and scans the data set again.
     *
     * @param move the move
     * @param back where the file is again
     */
    void moveUndone(MoveRecord move, Path back) {
        String cls = back.getParent().getFileName().toString();
        // Every row that shows the file where the move put it: the row that moved it, and a
        // row of a later audit that found it there.
        updateWhere(i -> i.path().equals(move.to()), i -> i.with(Status.OPEN, cls, back));
        rescan();
    }

    /**
     * @param item an image, possibly as an older row showed it
     * @return the image as the first row that shows it shows it now, or the item itself
     */
    AuditItem current(AuditItem item) {
        for (Rows rows : shownIn) {
            AuditItem now = rows.find(item.sample());
            if (now != null) {
                return now;
            }
        }
        return item;
    }

    /**
     * Applies a change to every row that shows this image (it may be a suspect and a duplicate).
     *
     * @param sample the image
     * @param change the change
     */
    void update(ImageSample sample, UnaryOperator<AuditItem> change) {
        updateWhere(i -> i.sample().equals(sample), change);
    }

    private void updateWhere(Predicate<AuditItem> which, UnaryOperator<AuditItem> change) {
        for (Rows rows : shownIn) {
            rows.updateWhere(which, change);
        }
    }

    /** Scans the data set again (one scan at a time; changes during a scan lead to one more). */
    private void rescan() {
        DatasetEdits e = changes.edits();
        if (e == null) {
            return;
        }
        if (rescanning) {
            rescanAgain = true;
            return;
        }
        rescanning = true;
        browser.open(e.root()).whenComplete((d, error) -> {
            rescanning = false;
            if (rescanAgain) {
                rescanAgain = false;
                rescan();
            }
        });
    }
}

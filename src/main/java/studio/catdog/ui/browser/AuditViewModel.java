package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.jobs.JobProgress;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.browser.AuditRows.Status;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJob;
import studio.catdog.ui.common.UiJobs;

/**
 * The data set audit's state and commands, shown in the browser's "Possible label errors" and
 * "Near-duplicates" tabs: running the audit as a job (progress, cancel), the ranked suspects and the
 * duplicate groups and leaks, and the actions on them: move an image to another class, exclude it
 * (into {@code excluded/} beside the data set), keep it (remembered, not suggested again), and undo
 * any of these from the "Recent changes" list. Moves run as jobs on the files lane; after each one
 * the open data set is scanned again so the browser's counts and grid follow. No Nodes; tested
 * without a toolkit.
 *
 * <p>This class runs the audit and is the one API the views use; the parts live in the ViewModels it
 * owns and wires: {@link LabelErrorsViewModel} (the suspects), {@link DuplicatesViewModel} (the
 * findings), {@link RecentChangesViewModel} (the journal and its undo) and {@link AuditImageActions}
 * (move, exclude and keep of one image, which reach the rows of both tabs).
 */
public final class AuditViewModel {

    private final ModelService service;
    private final Session session;
    private final BackboneChoice backbone;
    private final RecentChangesViewModel changes;
    private final AuditImageActions actions;
    private final LabelErrorsViewModel labelErrors;
    private final DuplicatesViewModel duplicates;

    private final ReadOnlyObjectWrapper<AuditReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final BooleanBinding canAudit;

    private final UiJobs jobs;
    private UiJob<AuditReport> run;
    private boolean cancelRequested;

    /**
     * @param service runs the audit and the moves as jobs
     * @param session the open data set; receives errors
     * @param executor moves results to the UI thread
     * @param browser scanned again after each change, so its counts and grid follow
     * @param backbone the backbone chosen in the Training workspace, whose (cached) features the audit uses
     */
    public AuditViewModel(
            ModelService service,
            Session session,
            TaskExecutor executor,
            BrowserViewModel browser,
            BackboneChoice backbone) {
        this.service = service;
        this.session = session;
        this.jobs = new UiJobs(executor, session);
        this.backbone = backbone;
        changes = new RecentChangesViewModel(service, session, executor, this::moveUndone, this::keepUndone);
        actions = new AuditImageActions(service, session, executor, browser, changes);
        labelErrors = new LabelErrorsViewModel(actions);
        duplicates = new DuplicatesViewModel(actions);
        // An image may be a suspect and a duplicate: actions reach both tabs, suspects first.
        actions.showIn(labelErrors);
        actions.showIn(duplicates);
        canAudit = Bindings.createBooleanBinding(
                () -> session.datasetProperty().get() != null && !running.get(), session.datasetProperty(), running);
        session.datasetProperty().addListener((o, a, d) -> datasetChanged(d));
        clear(false);
    }

    private void moveUndone(MoveRecord move, Path back) {
        actions.moveUndone(move, back);
    }

    private void keepUndone(List<ImageSample> samples) {
        if (samples.size() == 1) {
            actions.update(samples.get(0), i -> i.with(Status.OPEN, i.className(), i.path()));
        } else {
            duplicates.forgetKept(samples);
        }
    }

    // ---- the audit ----

    /**
     * Audits the open data set with the Training workspace's backbone: a job on the engine lane whose
     * progress shows here and in the status bar.
     *
     * @return completes on the UI thread with the report, or null when the audit failed, was
     *     cancelled or could not start (the reason is shown)
     */
    public CompletableFuture<AuditReport> audit() {
        Dataset d = session.datasetProperty().get();
        if (d == null || running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        BackboneSpec spec;
        try {
            spec = backbone.spec();
        } catch (CatdogException e) {
            session.reportError(Messages.get("audit.needsBackbone", e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        session.clearError();
        running.set(true);
        cancelRequested = false;
        progress.set(-1);
        step.set(Messages.get("audit.starting", spec.text()));
        // The journal is a file: it is read off the UI thread, and its "keep" decisions go to the job.
        return changes.open(d.root())
                .thenCompose(edits -> {
                    if (cancelRequested) {
                        return CompletableFuture.<AuditReport>failedFuture(new CancelledException());
                    }
                    run = jobs.job(() -> service.audit(d, spec, AuditSettings.defaults(), edits.decisions()))
                            .onProgress(this::showProgress);
                    return run.startOrFail();
                })
                .handle(this::finish);
    }

    private void showProgress(JobProgress p) {
        if (!running.get()) {
            return;
        }
        double fraction = p.fraction();
        progress.set(fraction);
        step.set(
                p.step().isEmpty()
                        ? Messages.get("audit.waiting")
                        : fraction >= 0
                                ? String.format(Locale.ROOT, "%s: %.0f %%", p.step(), 100 * fraction)
                                : p.step());
    }

    /**
     * The audit ended: opening the journal failed, or the job ended (the journal and the job are one command, so
     * this is where its failure is reported).
     */
    private AuditReport finish(AuditReport r, Throwable error) {
        run = null;
        running.set(false);
        progress.set(0);
        if (error != null) {
            if (Failures.isCancellation(error)) {
                step.set(Messages.get("audit.cancelled"));
            } else {
                step.set(Messages.get("audit.failed"));
                session.reportError(Messages.get("audit.what"), error);
            }
            return null;
        }
        step.set("");
        show(r);
        return r;
    }

    /** Cancels the running audit (only it). */
    public void cancel() {
        cancelRequested = true;
        UiJob<AuditReport> j = run;
        if (j != null) {
            j.cancel();
        }
    }

    private void show(AuditReport r) {
        report.set(r);
        session.auditProperty().set(r);
        labelErrors.show(r);
        duplicates.show(r);
        long likely = r.suspects().stream().filter(LabelSuspect::likely).count();
        summary.set(Messages.get(
                "audit.summary",
                r.trainImages() + r.testImages(),
                r.trainImages() + r.testImages(),
                likely,
                r.suspects().size() - likely,
                r.groups().size(),
                r.leaks().size(),
                r.keptHidden() > 0 ? Messages.get("audit.summaryKept", r.keptHidden()) : "",
                Formats.decimal(
                        r.timings().featureSeconds()
                                + r.timings().labelSeconds()
                                + r.timings().similaritySeconds()
                                + r.timings().hashSeconds(),
                        1),
                r.timings().featuresFromCache(),
                r.timings().featuresComputed()));
    }

    private void datasetChanged(Dataset d) {
        Path audited = changes.edits() != null ? changes.edits().root() : null;
        // A scan of the same folder (after a move) keeps the findings; another folder clears them.
        if (d != null
                && audited != null
                && d.root().toAbsolutePath().normalize().equals(audited)) {
            return;
        }
        cancel();
        changes.close();
        clear(d != null);
    }

    private void clear(boolean datasetOpen) {
        report.set(null);
        session.auditProperty().set(null);
        labelErrors.clear(datasetOpen ? LabelErrorsViewModel.NOT_AUDITED : Messages.get("audit.noDataset"));
        duplicates.clear(datasetOpen ? DuplicatesViewModel.NOT_AUDITED : Messages.get("audit.noDataset"));
        summary.set("");
    }

    // ---- actions: done by the ViewModels this one owns; each completes on the UI thread ----

    /** Moves a suspect to its suggested class; completes with null when nothing moved (the reason is shown). */
    public CompletableFuture<MoveRecord> acceptSuggestion(SuspectRow row) {
        return labelErrors.acceptSuggestion(row);
    }

    /** Moves an image into another class folder of its split; completes with null when nothing moved. */
    public CompletableFuture<MoveRecord> move(AuditItem item, String className) {
        return actions.move(item, className);
    }

    /** Moves an image into {@code excluded/} (nothing is deleted); completes with null when nothing moved. */
    public CompletableFuture<MoveRecord> exclude(AuditItem item) {
        return actions.exclude(item);
    }

    /** Keeps a suspect's label, so later audits do not suggest it; completes with false when not recorded. */
    public CompletableFuture<Boolean> keep(SuspectRow row) {
        return labelErrors.keep(row);
    }

    /** Says a finding's images are not duplicates (not reported again); completes with false when not recorded. */
    public CompletableFuture<Boolean> keepDuplicates(DuplicateRow row) {
        return duplicates.keepDuplicates(row);
    }

    /** Undoes a change (a move goes back, a "keep" is forgotten); completes with false when it could not. */
    public CompletableFuture<Boolean> undo(AuditChange change) {
        return changes.undo(change);
    }

    /** Undoes what was done to an image (its row's Undo); completes with false when there was nothing. */
    public CompletableFuture<Boolean> undo(AuditItem item) {
        AuditChange c = changeFor(item);
        return c == null ? CompletableFuture.completedFuture(false) : undo(c);
    }

    /** Undoes the latest change still in effect; completes with false when there was nothing to undo. */
    public CompletableFuture<Boolean> undoLast() {
        return changes.undoLast();
    }

    /** @return the change that made this image what it is now (for its row's Undo), or null */
    public AuditChange changeFor(AuditItem item) {
        return changes.changeFor(item);
    }

    /** @return the change that marked this duplicate finding as kept (for its row's Undo), or null */
    public AuditChange changeFor(DuplicateRow row) {
        return changes.keepFor(DuplicatesViewModel.samples(row));
    }

    /**
     * Describes an image for the large viewer.
     *
     * @param item the image
     * @return "training · cats · 24 KB"
     */
    public String describe(AuditItem item) {
        return item.where() + " · " + Formats.size(item.sample().sizeBytes())
                + (item.statusText().isEmpty() ? "" : " · " + item.statusText());
    }

    /**
     * The classes an image can be moved to: every class of the audited data set but its own.
     *
     * @param item the image
     * @return class names
     */
    public List<String> otherClasses(AuditItem item) {
        AuditReport r = report.get();
        return r == null
                ? List.of()
                : r.classes().stream().filter(c -> !c.equals(item.className())).toList();
    }

    // ---- properties ----

    /** @return likely label errors, most likely first */
    public ObservableList<SuspectRow> suspects() {
        return labelErrors.suspects();
    }

    /** @return leaks first, then groups inside a split */
    public ObservableList<DuplicateRow> duplicates() {
        return duplicates.duplicates();
    }

    /** @return changes still in effect, newest first */
    public ObservableList<AuditChange> changes() {
        return changes.changes();
    }

    /** @return the last report, null before the first audit of this data set */
    public ReadOnlyObjectProperty<AuditReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** @return whether an audit runs */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return whether the audit command is enabled: a data set is open and no audit runs */
    public BooleanBinding canAuditProperty() {
        return canAudit;
    }

    /** @return audit progress 0..1, negative while unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return the running audit's step, or how the last one ended */
    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** @return the last audit in one line */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return what the label errors tab shows when it has no rows */
    public ReadOnlyStringProperty suspectsPlaceholderProperty() {
        return labelErrors.placeholderProperty();
    }

    /** @return what the near-duplicates tab shows when it has no rows */
    public ReadOnlyStringProperty duplicatesPlaceholderProperty() {
        return duplicates.placeholderProperty();
    }

    /** @return the backbone the audit uses (the Training workspace's choice) */
    public BackboneChoice backbone() {
        return backbone;
    }
}

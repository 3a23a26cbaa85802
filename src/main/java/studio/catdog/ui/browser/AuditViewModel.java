package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
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
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.DuplicateGroup;
import studio.catdog.core.audit.DuplicatePair;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.CoalescingBuffer;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.browser.AuditRows.Status;
import studio.catdog.ui.browser.AuditRows.Item;
import studio.catdog.ui.browser.AuditRows.SuspectRow;
import studio.catdog.ui.browser.AuditRows.DuplicateKind;
import studio.catdog.ui.browser.AuditRows.DuplicateRow;
import studio.catdog.ui.browser.AuditRows.Change;

/**
 * The data set audit's state and commands, shown in the browser's "Possible label errors" and
 * "Near-duplicates" tabs: running the audit as a job (progress, cancel), the ranked suspects and the
 * duplicate groups and leaks, and the actions on them: move an image to another class, exclude it
 * (into {@code excluded/} beside the data set), keep it (remembered, not suggested again), and undo
 * any of these from the "Recent changes" list. Moves run as jobs on the files lane; after each one
 * the open data set is scanned again so the browser's counts and grid follow. No Nodes; tested
 * without a toolkit.
 */
public final class AuditViewModel {

    private final ModelService service;
    private final Session session;
    private final TaskExecutor executor;
    private final BrowserViewModel browser;
    private final StringProperty backbone;
    private final AtomicLong ids = new AtomicLong();

    private final ObservableList<SuspectRow> suspects = FXCollections.observableArrayList();
    private final ObservableList<DuplicateRow> duplicates = FXCollections.observableArrayList();
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AuditReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper suspectsPlaceholder = new ReadOnlyStringWrapper(this, "suspectsPlaceholder");
    private final ReadOnlyStringWrapper duplicatesPlaceholder = new ReadOnlyStringWrapper(this, "duplicatesPlaceholder");
    private final BooleanBinding canAudit;

    private Job<AuditReport> job;
    private boolean cancelRequested;
    private DatasetEdits edits;
    private boolean rescanning;
    private boolean rescanAgain;

    /**
     * @param service runs the audit and the moves as jobs
     * @param session the open data set; receives errors
     * @param executor moves results to the UI thread
     * @param browser scanned again after each change, so its counts and grid follow
     * @param backbone the backbone chosen in the Training workspace, whose (cached) features the audit uses
     */
    public AuditViewModel(ModelService service, Session session, TaskExecutor executor, BrowserViewModel browser,
                          StringProperty backbone) {
        this.service = service;
        this.session = session;
        this.executor = executor;
        this.browser = browser;
        this.backbone = backbone;
        canAudit = Bindings.createBooleanBinding(() -> session.datasetProperty().get() != null && !running.get(),
                session.datasetProperty(), running);
        session.datasetProperty().addListener((o, a, d) -> datasetChanged(d));
        clear("No data set open.");
    }

    private static final String NOT_AUDITED =
            "Not audited yet. Press Audit data set (Ctrl+Shift+A) to look for likely label errors.";

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
            spec = BackboneSpec.parse(backbone.get());
        } catch (CatdogException e) {
            session.reportError("Auditing needs a backbone: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        session.clearError();
        running.set(true);
        cancelRequested = false;
        progress.set(-1);
        step.set("Starting the audit with " + spec.text());
        CompletableFuture<AuditReport> done = new CompletableFuture<>();
        Path root = d.root();
        // The journal is a file: it is read off the UI thread, and its "keep" decisions go to the job.
        withEdits(root, e -> {
            if (cancelRequested) {
                finish(null, new java.util.concurrent.CancellationException("cancelled"), done);
                return;
            }
            CoalescingBuffer<double[]> updates = new CoalescingBuffer<>(executor, CoalescingBuffer.DEFAULT_INTERVAL_MS,
                    batch -> showProgress());
            job = service.audit(d, spec, AuditSettings.defaults(), e.decisions());
            job.onChange(j -> updates.add(new double[0]));
            job.result().whenComplete((r, error) -> executor.runOnUi(() -> finish(r, error, done)));
        }, error -> finish(null, error, done));
        return done;
    }

    private void showProgress() {
        Job<AuditReport> j = job;
        if (j == null || !running.get()) {
            return;
        }
        var p = j.progress();
        progress.set(p.total() > 0 ? p.done() / p.total() : -1);
        step.set(p.step().isEmpty() ? "Waiting for the engine" : p.total() > 0
                ? String.format(Locale.ROOT, "%s: %.0f %%", p.step(), 100 * p.done() / p.total()) : p.step());
    }

    private void finish(AuditReport r, Throwable error, CompletableFuture<AuditReport> done) {
        job = null;
        running.set(false);
        progress.set(0);
        if (error != null) {
            if (Failures.isCancellation(error)) {
                step.set("The audit was cancelled.");
            } else {
                step.set("The audit failed.");
                session.reportError("Auditing the data set", error);
            }
            done.complete(null);
            return;
        }
        step.set("");
        show(r);
        done.complete(r);
    }

    /** Cancels the running audit (only it). */
    public void cancel() {
        cancelRequested = true;
        Job<AuditReport> j = job;
        if (j != null) {
            j.cancel();
        }
    }

    private void show(AuditReport r) {
        report.set(r);
        List<SuspectRow> rows = new ArrayList<>();
        int rank = 1;
        for (LabelSuspect s : r.suspects()) {
            rows.add(new SuspectRow(rank++, s, item(s.sample(), r)));
        }
        suspects.setAll(rows);
        List<DuplicateRow> dups = new ArrayList<>();
        for (DuplicatePair p : r.leaks()) {
            ImageSample train = p.first().split() == Split.TRAIN ? p.first() : p.second();
            ImageSample test = train == p.first() ? p.second() : p.first();
            dups.add(new DuplicateRow(DuplicateKind.LEAK, null, List.of(item(train, r), item(test, r)), p.cosine(),
                    p.hashDistance(), false));
        }
        for (DuplicateGroup g : r.groups()) {
            dups.add(new DuplicateRow(DuplicateKind.GROUP, g.split(), g.images().stream().map(s -> item(s, r)).toList(),
                    g.minCosine(), -1, false));
        }
        duplicates.setAll(dups);
        long likely = r.suspects().stream().filter(LabelSuspect::likely).count();
        summary.set(String.format(Locale.ROOT, "Checked the labels of %d training images and compared all %d images: "
                        + "%d likely and %d possible label errors, %d near-duplicate groups, %d leaked into test%s. %.1f s "
                        + "(features: %d from the cache, %d computed).",
                r.trainImages(), r.trainImages() + r.testImages(), likely, r.suspects().size() - likely, r.groups().size(),
                r.leaks().size(), r.keptHidden() > 0 ? " (" + r.keptHidden() + " you kept are not shown)" : "",
                r.timings().featureSeconds() + r.timings().labelSeconds() + r.timings().similaritySeconds()
                        + r.timings().hashSeconds(),
                r.timings().featuresFromCache(), r.timings().featuresComputed()));
        suspectsPlaceholder.set("No likely label errors: the out-of-fold model agrees with every label"
                + (r.keptHidden() > 0 ? " you did not keep." : "."));
        duplicatesPlaceholder.set("No near-duplicates: no two images have nearly the same features and picture.");
    }

    private static Item item(ImageSample s, AuditReport r) {
        String cls = s.label() >= 0 && s.label() < r.classes().size() ? r.classes().get(s.label()) : "?";
        return new Item(s, cls, s.path(), Status.OPEN);
    }

    private void datasetChanged(Dataset d) {
        Path audited = edits != null ? edits.root() : null;
        // A scan of the same folder (after a move) keeps the findings; another folder clears them.
        if (d != null && audited != null && d.root().toAbsolutePath().normalize().equals(audited)) {
            return;
        }
        cancel();
        edits = null;
        changes.clear();
        clear(d == null ? "No data set open." : NOT_AUDITED);
    }

    private void clear(String why) {
        report.set(null);
        suspects.clear();
        duplicates.clear();
        summary.set("");
        suspectsPlaceholder.set(why);
        duplicatesPlaceholder.set(why.equals(NOT_AUDITED)
                ? "Not audited yet. Press Audit data set (Ctrl+Shift+A) to look for near-duplicates and images "
                        + "leaked from training into test." : why);
    }

    // ---- actions ----

    /**
     * Moves a suspect to the class the audit suggests.
     *
     * @param row the suspect
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    public CompletableFuture<MoveRecord> acceptSuggestion(SuspectRow row) {
        return move(row.item(), row.suspect().suggestedClass());
    }

    /**
     * Moves an image into another class folder of its split.
     *
     * @param item the image
     * @param className the class
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    public CompletableFuture<MoveRecord> move(Item item, String className) {
        DatasetEdits e = edits;
        if (e == null || !current(item).actionable()) {
            return CompletableFuture.completedFuture(null);
        }
        update(item.sample(), i -> i.with(Status.WORKING, i.className(), i.path()));
        CompletableFuture<MoveRecord> done = new CompletableFuture<>();
        service.moveToClass(e, item.path(), className).result().whenComplete((m, error) -> executor.runOnUi(() -> {
            if (error != null) {
                update(item.sample(), i -> i.with(Status.OPEN, i.className(), i.path()));
                session.reportError("Moving " + item.fileName() + " to " + className, error);
                done.complete(null);
                return;
            }
            // The change first: the row's Undo looks it up when the row redraws.
            changes.add(0, new Change(ids.incrementAndGet(), describe(m), m, List.of()));
            update(item.sample(), i -> i.with(Status.MOVED, className, m.to()));
            rescan();
            done.complete(m);
        }));
        return done;
    }

    /**
     * Moves an image out of the data set into {@code excluded/} (nothing is deleted).
     *
     * @param item the image
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    public CompletableFuture<MoveRecord> exclude(Item item) {
        DatasetEdits e = edits;
        if (e == null || !current(item).actionable()) {
            return CompletableFuture.completedFuture(null);
        }
        update(item.sample(), i -> i.with(Status.WORKING, i.className(), i.path()));
        CompletableFuture<MoveRecord> done = new CompletableFuture<>();
        service.exclude(e, item.path()).result().whenComplete((m, error) -> executor.runOnUi(() -> {
            if (error != null) {
                update(item.sample(), i -> i.with(Status.OPEN, i.className(), i.path()));
                session.reportError("Excluding " + item.fileName(), error);
                done.complete(null);
                return;
            }
            changes.add(0, new Change(ids.incrementAndGet(), describe(m), m, List.of()));
            update(item.sample(), i -> i.with(Status.EXCLUDED, i.className(), m.to()));
            rescan();
            done.complete(m);
        }));
        return done;
    }

    /**
     * Keeps a suspect's label: remembered in the data set's journal, so later audits do not suggest
     * it again.
     *
     * @param row the suspect
     * @return completes on the UI thread (false when it could not be recorded; the reason is shown)
     */
    public CompletableFuture<Boolean> keep(SuspectRow row) {
        Item item = current(row.item());
        if (edits == null || !item.actionable()) {
            return CompletableFuture.completedFuture(false);
        }
        return keepAll(List.of(item), List.of(item.sample()), "Kept " + item.fileName() + " as " + item.className(),
                e -> e.keep(item.sample().sha256(), item.path()));
    }

    /**
     * Says that the images of a duplicate finding are not duplicates (or are all wanted): the pairs
     * are remembered and not reported again.
     *
     * @param row the finding
     * @return completes on the UI thread (false when it could not be recorded; the reason is shown)
     */
    public CompletableFuture<Boolean> keepDuplicates(DuplicateRow row) {
        DuplicateRow now = currentRow(row);
        if (edits == null || now == null || now.kept()) {
            return CompletableFuture.completedFuture(false);
        }
        List<ImageSample> samples = now.items().stream().map(Item::sample).toList();
        String names = String.join(" and ", now.items().stream().map(Item::fileName).toList());
        return keepAll(List.of(), samples, "Kept " + names + " (not duplicates)", e -> {
            for (int a = 0; a < samples.size(); a++) {
                for (int b = a + 1; b < samples.size(); b++) {
                    e.keepPair(samples.get(a).sha256(), samples.get(b).sha256());
                }
            }
        }).thenApply(ok -> {
            if (ok) {
                replaceDuplicate(now, now.withKept(true));
            }
            return ok;
        });
    }

    private CompletableFuture<Boolean> keepAll(List<Item> items, List<ImageSample> kept, String text,
                                               java.util.function.Consumer<DatasetEdits> record) {
        DatasetEdits e = edits;
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        for (Item i : items) {
            update(i.sample(), x -> x.with(Status.WORKING, x.className(), x.path()));
        }
        executor.runInBackground(() -> {
            Throwable failure = null;
            try {
                record.accept(e);
            } catch (RuntimeException ex) {
                failure = ex;
            }
            Throwable f = failure;
            executor.runOnUi(() -> {
                if (f == null) {
                    changes.add(0, new Change(ids.incrementAndGet(), text, null, kept));
                }
                for (Item i : items) {
                    update(i.sample(), x -> x.with(f == null ? Status.KEPT : Status.OPEN, x.className(), x.path()));
                }
                if (f != null) {
                    session.reportError(text.replace("Kept", "Keeping"), f);
                    done.complete(false);
                    return;
                }
                done.complete(true);
            });
        });
        return done;
    }

    /**
     * Undoes a change: a move puts the file back where it was; a "keep" is forgotten.
     *
     * @param change the change
     * @return completes on the UI thread (false when it could not be undone; the reason is shown)
     */
    public CompletableFuture<Boolean> undo(Change change) {
        DatasetEdits e = edits;
        if (e == null || !changes.contains(change)) {
            return CompletableFuture.completedFuture(false);
        }
        // Out of the list at once, so it cannot be undone twice; back in if the undo fails.
        int at = changes.indexOf(change);
        changes.remove(change);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (change.move() != null) {
            MoveRecord m = change.move();
            service.undoMove(e, m.id()).result().whenComplete((back, error) -> executor.runOnUi(() -> {
                if (error != null) {
                    changes.add(Math.min(at, changes.size()), change);
                    session.reportError("Undoing (" + change.text() + ")", error);
                    done.complete(false);
                    return;
                }
                String cls = back.getParent().getFileName().toString();
                // Every row that shows the file where the move put it: the row that moved it, and a
                // row of a later audit that found it there.
                updateWhere(i -> i.path().equals(m.to()), i -> i.with(Status.OPEN, cls, back));
                rescan();
                done.complete(true);
            }));
            return done;
        }
        List<ImageSample> samples = change.keptSamples();
        executor.runInBackground(() -> {
            Throwable failure = null;
            try {
                if (samples.size() == 1) {
                    e.forgetKeep(samples.get(0).sha256());
                } else {
                    for (int a = 0; a < samples.size(); a++) {
                        for (int b = a + 1; b < samples.size(); b++) {
                            e.forgetPair(samples.get(a).sha256(), samples.get(b).sha256());
                        }
                    }
                }
            } catch (RuntimeException ex) {
                failure = ex;
            }
            Throwable f = failure;
            executor.runOnUi(() -> {
                if (f != null) {
                    changes.add(Math.min(at, changes.size()), change);
                    session.reportError("Undoing (" + change.text() + ")", f);
                    done.complete(false);
                    return;
                }
                if (samples.size() == 1) {
                    update(samples.get(0), i -> i.with(Status.OPEN, i.className(), i.path()));
                } else {
                    for (int k = 0; k < duplicates.size(); k++) {
                        DuplicateRow r = duplicates.get(k);
                        if (r.kept() && r.items().stream().map(Item::sample).toList().equals(samples)) {
                            duplicates.set(k, r.withKept(false));
                        }
                    }
                }
                done.complete(true);
            });
        });
        return done;
    }

    /**
     * The change that made an image what it is now (moved, excluded or kept), for the row's Undo.
     *
     * @param item the image
     * @return the change, or null when none is listed
     */
    public Change changeFor(Item item) {
        for (Change c : changes) {
            if (c.move() != null ? c.move().to().equals(item.path())
                    : c.keptSamples().size() == 1 && c.keptSamples().get(0).equals(item.sample())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Undoes what was done to an image (its row's Undo).
     *
     * @param item the image
     * @return completes on the UI thread (false when there was nothing to undo)
     */
    public CompletableFuture<Boolean> undo(Item item) {
        Change c = changeFor(item);
        return c == null ? CompletableFuture.completedFuture(false) : undo(c);
    }

    /**
     * The change that marked a duplicate finding as kept, for its row's Undo.
     *
     * @param row the finding
     * @return the change, or null when none is listed
     */
    public Change changeFor(DuplicateRow row) {
        List<ImageSample> samples = row.items().stream().map(Item::sample).toList();
        return changes.stream().filter(c -> c.move() == null && c.keptSamples().equals(samples)).findFirst()
                .orElse(null);
    }

    /**
     * Undoes the latest change still in effect.
     *
     * @return completes on the UI thread (false when there was nothing to undo)
     */
    public CompletableFuture<Boolean> undoLast() {
        return changes.isEmpty() ? CompletableFuture.completedFuture(false) : undo(changes.get(0));
    }

    /**
     * Opens the data set's journal (off the UI thread) and lists the moves made earlier (in another
     * session too), so they can be undone here.
     */
    private void withEdits(Path root, java.util.function.Consumer<DatasetEdits> then,
                           java.util.function.Consumer<Throwable> failed) {
        Path abs = root.toAbsolutePath().normalize();
        if (edits != null && edits.root().equals(abs)) {
            then.accept(edits);
            return;
        }
        executor.runInBackground(() -> {
            try {
                DatasetEdits opened = DatasetEdits.open(abs);
                List<MoveRecord> earlier = opened.moves();
                executor.runOnUi(() -> {
                    edits = opened;
                    changes.clear();
                    for (MoveRecord m : earlier) {
                        changes.add(0, new Change(ids.incrementAndGet(), describe(m), m, List.of()));
                    }
                    then.accept(opened);
                });
            } catch (RuntimeException e) {
                executor.runOnUi(() -> failed.accept(e));
            }
        });
    }

    private static String describe(MoveRecord m) {
        String name = m.to().getFileName().toString();
        String from = m.from().getParent().getFileName().toString();
        return m.kind() == MoveRecord.Kind.TO_CLASS
                ? "Moved " + name + " from " + from + " to " + m.to().getParent().getFileName()
                : "Excluded " + name + " (was in " + from + ")";
    }

    /** Scans the data set again (one scan at a time; changes during a scan lead to one more). */
    private void rescan() {
        DatasetEdits e = edits;
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

    // ---- row bookkeeping (UI thread) ----

    private Item current(Item item) {
        for (SuspectRow r : suspects) {
            if (r.item().sample().equals(item.sample())) {
                return r.item();
            }
        }
        for (DuplicateRow r : duplicates) {
            for (Item i : r.items()) {
                if (i.sample().equals(item.sample())) {
                    return i;
                }
            }
        }
        return item;
    }

    private DuplicateRow currentRow(DuplicateRow row) {
        List<ImageSample> samples = row.items().stream().map(Item::sample).toList();
        return duplicates.stream().filter(r -> r.items().stream().map(Item::sample).toList().equals(samples))
                .findFirst().orElse(null);
    }

    private void replaceDuplicate(DuplicateRow old, DuplicateRow next) {
        int k = duplicates.indexOf(old);
        if (k >= 0) {
            duplicates.set(k, next);
        }
    }

    /** Applies a change to every row that shows this image (it may be a suspect and a duplicate). */
    private void update(ImageSample sample, UnaryOperator<Item> change) {
        updateWhere(i -> i.sample().equals(sample), change);
    }

    private void updateWhere(java.util.function.Predicate<Item> which, UnaryOperator<Item> change) {
        for (int k = 0; k < suspects.size(); k++) {
            SuspectRow r = suspects.get(k);
            if (which.test(r.item())) {
                suspects.set(k, new SuspectRow(r.rank(), r.suspect(), change.apply(r.item())));
            }
        }
        for (int k = 0; k < duplicates.size(); k++) {
            DuplicateRow r = duplicates.get(k);
            if (r.items().stream().anyMatch(which)) {
                duplicates.set(k, r.withItems(r.items().stream().map(i -> which.test(i) ? change.apply(i) : i).toList()));
            }
        }
    }

    /**
     * Describes an image for the large viewer.
     *
     * @param item the image
     * @return "training · cats · 24 KB"
     */
    public String describe(Item item) {
        return item.where() + " · " + Formats.size(item.sample().sizeBytes())
                + (item.statusText().isEmpty() ? "" : " · " + item.statusText());
    }

    /**
     * The classes an image can be moved to: every class of the audited data set but its own.
     *
     * @param item the image
     * @return class names
     */
    public List<String> otherClasses(Item item) {
        AuditReport r = report.get();
        return r == null ? List.of() : r.classes().stream().filter(c -> !c.equals(item.className())).toList();
    }

    // ---- properties ----

    /** @return likely label errors, most likely first */
    public ObservableList<SuspectRow> suspects() {
        return suspects;
    }

    /** @return leaks first, then groups inside a split */
    public ObservableList<DuplicateRow> duplicates() {
        return duplicates;
    }

    /** @return changes still in effect, newest first */
    public ObservableList<Change> changes() {
        return changes;
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
        return suspectsPlaceholder.getReadOnlyProperty();
    }

    /** @return what the near-duplicates tab shows when it has no rows */
    public ReadOnlyStringProperty duplicatesPlaceholderProperty() {
        return duplicatesPlaceholder.getReadOnlyProperty();
    }

    /** @return the backbone text the audit uses (the Training workspace's choice) */
    public StringProperty backboneProperty() {
        return backbone;
    }
}

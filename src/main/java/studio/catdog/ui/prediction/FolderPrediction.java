package studio.catdog.ui.prediction;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.catdog.core.Failures;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.PredictionCsv;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.CoalescingBuffer;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJob;
import studio.catdog.ui.common.UiJobs;

/**
 * Classifies every image under a folder as one cancellable job ({@link ModelService#predictFiles}),
 * streaming results in coalesced batches: all of them are kept for the per-class summary and the
 * CSV export, the first {@link #SHOWN_CARDS} become cards. Part of {@link PredictionViewModel}; no
 * Nodes.
 */
public final class FolderPrediction {

    /** The most results shown as cards; the summary and the CSV have them all. */
    public static final int SHOWN_CARDS = 200;

    private sealed interface Event permits Done, Progress {}

    private record Done(FolderFileResult result) implements Event {}

    private record Progress(int done, int total) implements Event {}

    private final ModelService service;
    private final TaskExecutor executor;
    private final UiJobs jobs;
    private final PredictionViewModel owner;
    private final List<FolderFileResult> results = new ArrayList<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyIntegerWrapper resultCount = new ReadOnlyIntegerWrapper(this, "resultCount");
    private final int cardCap;
    private Path folder;
    private int total;
    private int generation;
    /** This run's job; a cancel reaches it and nothing else. */
    private UiJob<Void> job;

    FolderPrediction(ModelService service, TaskExecutor executor, UiJobs jobs, PredictionViewModel owner, int cardCap) {
        this.cardCap = cardCap;
        this.service = service;
        this.executor = executor;
        this.jobs = jobs;
        this.owner = owner;
    }

    /**
     * Classifies every image under a folder as one job (listing the folder is part of it), replacing
     * the cards shown.
     *
     * @param dir the folder
     * @return completes on the UI thread when the run has ended (done, cancelled or failed)
     */
    public CompletableFuture<Void> start(Path dir) {
        if (running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        if (service.currentModel().isEmpty()) {
            status.set(Messages.get("folder.noModel"));
            return CompletableFuture.completedFuture(null);
        }
        int run = ++generation;
        owner.items().clear();
        owner.refusals().clear();
        results.clear();
        resultCount.set(0);
        folder = dir;
        total = 0;
        running.set(true);
        progress.set(-1);
        status.set(Messages.get("folder.looking", dir));
        summary.set("");
        CoalescingBuffer<Event> buffer =
                new CoalescingBuffer<>(executor, CoalescingBuffer.DEFAULT_INTERVAL_MS, batch -> apply(run, batch));
        FileResults sink = new FileResults() {
            @Override
            public void predicted(Path file, Prediction prediction) {
                buffer.add(new Done(new FolderFileResult(file, prediction, null)));
            }

            @Override
            public void failed(Path file, String reason) {
                buffer.add(new Done(new FolderFileResult(file, null, reason)));
            }
        };
        // Results and progress share one buffer, so the cards and the count keep their order.
        job = jobs.job(() -> service.predictFolder(dir, sink)
                        .onChange(j -> buffer.add(new Progress(
                                (int) j.progress().done(), (int) j.progress().total()))))
                .onDone(buffer::drain)
                .onSuccess(v -> finish(run, null))
                .onCancelled(() -> finish(run, new CancelledException()))
                .onFailure(e -> finish(run, e));
        return job.start();
    }

    /** Applies one coalesced batch: one addAll of cards at most. */
    private void apply(int run, List<Event> batch) {
        if (run != generation) {
            return;
        }
        Progress last = null;
        int before = results.size();
        for (Event e : batch) {
            if (e instanceof Done d) {
                results.add(d.result());
            } else if (e instanceof Progress p) {
                last = p;
            }
        }
        if (before < cardCap) {
            owner.addResults(results.subList(before, Math.min(cardCap, results.size())));
        }
        resultCount.set(results.size());
        if (last != null && last.total() > 0) {
            total = last.total();
            progress.set((double) last.done() / last.total());
        }
        if (running.get() && total > 0) {
            status.set(Messages.get("folder.progress", results.size(), total));
        }
        refreshSummary();
    }

    private void finish(int run, Throwable error) {
        if (run == generation && running.get()) {
            job = null;
            running.set(false);
            progress.set(error == null ? 1 : 0);
            if (error == null) {
                status.set(Messages.get(
                        "folder.done",
                        results.size(),
                        folder,
                        results.size() > cardCap ? Messages.get("folder.cardsShown", cardCap) : ""));
            } else if (Failures.isCancellation(error)) {
                status.set(Messages.get("folder.cancelled", results.size(), total));
            } else {
                status.set(Messages.get("common.failed", Messages.get("folder.what"), Failures.describe(error)));
            }
            refreshSummary();
        }
    }

    /** Stops the run; the results so far are kept. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        status.set(Messages.get("folder.cancelling"));
        UiJob<Void> current = job;
        if (current != null) {
            current.cancel();
        }
    }

    /** Forgets the results (a running job is cancelled). */
    void clear() {
        cancel();
        generation++;
        running.set(false);
        results.clear();
        resultCount.set(0);
        status.set("");
        summary.set("");
        progress.set(0);
    }

    /** Recomputes the per-class counts (also when the "neither class" threshold moves). */
    void refreshSummary() {
        if (results.isEmpty()) {
            summary.set("");
            return;
        }
        summary.set(describe(
                results, owner.classes(), owner.noveltyThresholdProperty().get()));
    }

    /**
     * The per-class summary line: "1,234 images — cats 600, dogs 620; 9 look like neither class;
     * 5 unreadable".
     *
     * @param results the results
     * @param classes the model's classes (for a stable order), may be empty
     * @param noveltyThreshold the "neither class" threshold (NaN when unknown)
     * @return the line
     */
    static String describe(List<FolderFileResult> results, List<String> classes, double noveltyThreshold) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classes.forEach(c -> counts.put(c, 0));
        int failed = 0;
        int neither = 0;
        for (FolderFileResult r : results) {
            if (r.prediction() == null) {
                failed++;
                continue;
            }
            counts.merge(r.prediction().label(), 1, Integer::sum);
            if (r.prediction().unfamiliarAt(noveltyThreshold)) {
                neither++;
            }
        }
        StringBuilder sb = new StringBuilder(Messages.get(
                "folder.summaryImages",
                results.size(),
                String.join(
                        ", ",
                        counts.entrySet().stream()
                                .map(e -> Messages.get("folder.classCount", e.getKey(), e.getValue()))
                                .toList())));
        if (!Double.isNaN(noveltyThreshold)) {
            sb.append(Messages.get("folder.neither", neither));
        }
        if (failed > 0) {
            sb.append(Messages.get("folder.unreadable", failed));
        }
        return sb.toString();
    }

    /**
     * Writes every result as a {@link PredictionCsv}, the format of {@code catdog predict --csv}, with
     * "neither class" at the toolbar's threshold, off the UI thread.
     *
     * @param out the CSV file
     * @return completes on the UI thread with the file, or exceptionally
     */
    public CompletableFuture<Path> exportCsv(Path out) {
        List<FolderFileResult> snapshot = List.copyOf(results);
        List<String> classes = owner.classes();
        double threshold = owner.noveltyThresholdProperty().get();
        return jobs.call(() -> {
                    writeCsv(out, snapshot, classes, threshold);
                    return out;
                })
                .onSuccess(p -> status.set(Messages.get("folder.exported", snapshot.size(), out)))
                .onFailure(e -> status.set(
                        Messages.get("common.failed", Messages.get("folder.exportWhat"), Failures.describe(e))))
                .startOrFail();
    }

    static void writeCsv(Path out, List<FolderFileResult> results, List<String> classes, double threshold)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PredictionCsv format = new PredictionCsv(classes);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(format.header());
            for (FolderFileResult r : results) {
                w.write(format.row(r.file(), r.prediction(), r.error(), threshold));
            }
        }
    }

    /** @return every result so far, in order (read-only) */
    public List<FolderFileResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** @return whether a folder is being classified */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return progress 0..1, negative while listing files */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return what the run is doing or did, in words */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** @return the per-class counts, "" before a run */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return how many results there are (for enabling the export) */
    public ReadOnlyIntegerProperty resultCountProperty() {
        return resultCount.getReadOnlyProperty();
    }
}

package studio.catdog.ui.shell;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.Failures;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.jobs.JobListener;
import studio.catdog.core.jobs.JobProgress;
import studio.catdog.core.jobs.JobQueue;
import studio.catdog.core.jobs.JobState;
import studio.catdog.ui.common.CoalescingBuffer;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The jobs the status bar shows: the running job's name and progress, and the list of queued and
 * running jobs with a cancel for each. Job changes arrive on worker threads and are coalesced into
 * about ten UI updates a second. A prediction server's batches ({@link JobKind#SERVE_BATCH}, many a second while
 * it serves) are not listed: the Serve window counts them, and each would flicker through the status bar. No Nodes;
 * tested without a toolkit.
 */
public final class JobsViewModel {

    private final JobQueue queue;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final ObservableList<JobRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", Messages.get("jobs.ready"));
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final CoalescingBuffer<Job<?>> changes;
    private final JobListener listener;
    private String lastEnded = Messages.get("jobs.ready");

    /**
     * @param queue the service's job queue
     * @param executor moves updates to the UI thread
     */
    public JobsViewModel(JobQueue queue, TaskExecutor executor) {
        this.queue = queue;
        this.changes = new CoalescingBuffer<>(executor, CoalescingBuffer.DEFAULT_INTERVAL_MS, this::refresh);
        this.listener = changes::add;
        queue.addListener(listener);
        executor.runOnUi(() -> refresh(List.of()));
    }

    /** Rebuilds the rows from the queue's jobs now; the batch says which jobs changed. */
    private void refresh(List<Job<?>> changed) {
        for (Job<?> j : changed) {
            if (j.state().isDone() && shown(j)) {
                lastEnded = ended(j);
            }
        }
        List<Job<?>> active =
                queue.active().stream().filter(JobsViewModel::shown).toList();
        rows.setAll(active.stream().map(JobsViewModel::row).toList());
        Job<?> running = active.stream()
                .filter(j -> j.state() == JobState.RUNNING)
                .findFirst()
                .orElse(null);
        busy.set(running != null);
        if (running == null) {
            status.set(active.isEmpty() ? lastEnded : Messages.get("jobs.waitingCount", active.size()));
            progress.set(0);
            return;
        }
        String detail = detail(running);
        String waiting = active.size() > 1 ? Messages.get("jobs.moreWaiting", active.size() - 1) : "";
        status.set(running.title() + (detail.isEmpty() ? "" : " — " + detail) + waiting);
        progress.set(running.progress().fraction());
    }

    /** @return whether the status bar and the job list show a job (a server's batches they do not) */
    private static boolean shown(Job<?> j) {
        return j.kind() != JobKind.SERVE_BATCH;
    }

    private static String ended(Job<?> j) {
        return switch (j.state()) {
            case FAILED ->
                Messages.get(
                        "common.failed",
                        j.title(),
                        j.failure().map(Failures::describe).orElseGet(() -> Messages.get("jobs.unknownError")));
            case CANCELLED -> Messages.get("jobs.cancelled", j.title());
            default -> Messages.get("jobs.ready");
        };
    }

    private static JobRow row(Job<?> j) {
        return new JobRow(
                j.id(),
                j.title(),
                detail(j),
                j.progress().fraction(),
                j.state() == JobState.RUNNING,
                j.isCancelRequested());
    }

    /**
     * @param j a job
     * @return "Extracting features 40 % — about 2 min left", "waiting" or "cancelling…"
     */
    static String detail(Job<?> j) {
        if (j.isCancelRequested()) {
            return Messages.get("jobs.cancelling");
        }
        if (j.state() == JobState.QUEUED) {
            return Messages.get("jobs.waiting");
        }
        JobProgress p = j.progress();
        StringBuilder b = new StringBuilder(p.step());
        if (p.fraction() >= 0) {
            b.append(b.isEmpty() ? "" : " ")
                    .append(Math.round(p.fraction() * 100))
                    .append(" %");
        }
        String eta = Formats.timeLeft(p.etaSeconds());
        if (!eta.isEmpty()) {
            b.append(" — ").append(eta);
        }
        return b.toString();
    }

    /**
     * Cancels one job (queued or running); no other job is touched.
     *
     * @param id the job's id
     */
    public void cancel(long id) {
        queue.active().stream().filter(j -> j.id() == id).findFirst().ifPresent(Job::cancel);
    }

    /** @return the queued and running jobs, oldest first */
    public ObservableList<JobRow> rows() {
        return rowsView;
    }

    /** @return the status bar text: the running job and its progress, or how the last job ended */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** @return the running job's progress 0..1, -1 when unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return whether a job is running */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Stops listening to the queue. */
    public void dispose() {
        queue.removeListener(listener);
    }
}

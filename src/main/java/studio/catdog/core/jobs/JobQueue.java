package studio.catdog.core.jobs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs, one worker thread per {@link JobKind.Lane}, in the order they were submitted, and keeps
 * the list of jobs that are queued or running so a status bar can show them. Every job that touches
 * a native engine runs on the one {@link JobKind.Lane#ENGINE} thread, so NDArrays, backbones and
 * heads never cross threads and need no locks.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    private final Map<JobKind.Lane, ExecutorService> workers = new EnumMap<>(JobKind.Lane.class);
    private final List<Job<?>> active = new CopyOnWriteArrayList<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final JobListener relay = this::relay;
    private volatile Thread engineThread;

    /** Starts the (daemon) workers. */
    public JobQueue() {
        for (JobKind.Lane lane : JobKind.Lane.values()) {
            String name = "catdog-" + lane.name().toLowerCase(Locale.ROOT) + "-worker";
            workers.put(lane, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                if (lane == JobKind.Lane.ENGINE) {
                    engineThread = t;
                }
                return t;
            }));
        }
    }

    /**
     * Queues a job on its lane's worker.
     *
     * @param kind what it does (and so its lane)
     * @param title the job in words
     * @param body the work
     * @param <T> the result type
     * @return the job, already queued
     */
    public <T> Job<T> submit(JobKind kind, String title, JobBody<T> body) {
        Job<T> job = new Job<>(kind, title, body, active::remove);
        active.add(job);
        job.onChange(relay);
        workers.get(kind.lane()).execute(job::run);
        return job;
    }

    /** @return the jobs queued or running now, oldest first */
    public List<Job<?>> active() {
        return new ArrayList<>(active);
    }

    /** @return whether the calling thread is the engine worker */
    public boolean onEngineThread() {
        return Thread.currentThread() == engineThread;
    }

    /**
     * Adds a listener that hears every change of every job (submitted, started, progress, ended).
     * Called on the changing thread; coalesce before touching a UI.
     *
     * @param listener the listener
     */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    private void relay(Job<?> job) {
        for (JobListener l : listeners) {
            try {
                l.changed(job);
            } catch (RuntimeException e) {
                log.warn("job queue listener failed", e);
            }
        }
    }

    /**
     * Runs a last piece of work on the engine thread and waits for it (to free native resources
     * there), then cancels every job and stops the workers.
     *
     * @param lastOnEngine the clean-up
     */
    public void close(Runnable lastOnEngine) {
        for (Job<?> job : active()) {
            job.cancel();
        }
        try {
            workers.get(JobKind.Lane.ENGINE).submit(lastOnEngine).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("engine worker did not shut down cleanly", e);
        }
        close();
    }

    @Override
    public void close() {
        for (Job<?> job : active()) {
            job.cancel();
        }
        workers.values().forEach(ExecutorService::shutdownNow);
    }
}

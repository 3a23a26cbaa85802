package studio.catdog.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;

/**
 * Dynamic batching: request threads hand in preprocessed images; one batching thread gathers them into
 * batches of up to {@code maxBatch} and runs each as one {@link ModelService#predictPreprocessed} job on the
 * engine worker, waiting for it before it forms the next. So while the backbone runs one batch, the images
 * that arrive meanwhile wait and form the next one: batches grow with the load by themselves.
 *
 * <p>A batch that is not full waits up to {@code maxWait} for more, but only while other requests are still
 * being decoded ({@link #preparing()}); a lone request runs at once. Only float arrays cross threads; every
 * NDArray lives inside the engine job.
 */
final class BatchingPredictor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchingPredictor.class);

    /** One image waiting for the backbone. */
    private record Pending(
            Preprocessing preprocessing, float[] tensor, String source, CompletableFuture<Prediction> answer) {}

    private final ModelService service;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ServerMetrics metrics;
    private final Lock running;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger preparing = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private float[] pixels;

    /**
     * Starts the batching thread.
     *
     * @param service runs the batches
     * @param settings the batch size and wait
     * @param metrics records each batch's size
     * @param running held while a batch runs (so that no image decodes meanwhile), or null
     */
    BatchingPredictor(ModelService service, ServeSettings settings, ServerMetrics metrics, Lock running) {
        this.service = service;
        this.running = running;
        this.maxBatch = settings.maxBatch();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "catdog-serve-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Marks one request as decoding, so a batch that is not full waits a little for it.
     *
     * @return call {@link Preparation#close()} when the image is handed in (or failed)
     */
    Preparation preparing() {
        preparing.incrementAndGet();
        return new Preparation();
    }

    /** A request being decoded; closing it (once) ends that. */
    final class Preparation implements AutoCloseable {
        private boolean done;

        @Override
        public void close() {
            if (!done) {
                done = true;
                preparing.decrementAndGet();
            }
        }
    }

    /**
     * Hands in one preprocessed image.
     *
     * @param preprocessing what it was prepared with
     * @param tensor the image (not copied; not to be changed afterwards)
     * @param source a name for the result
     * @return its prediction, when its batch has run; fails with the batch's failure
     */
    CompletableFuture<Prediction> submit(Preprocessing preprocessing, float[] tensor, String source) {
        CompletableFuture<Prediction> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(new CatdogException("The server is stopping."));
            return answer;
        }
        queue.add(new Pending(preprocessing, tensor, source, answer));
        return answer;
    }

    /** @return images waiting for the backbone (not counting the batch that runs) */
    int queued() {
        return queue.size();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        try {
            while (!closed) {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                run(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("the batching thread failed", e);
        } finally {
            CatdogException stopping = new CatdogException("The server is stopping.");
            batch.forEach(p -> p.answer().completeExceptionally(stopping));
            for (Pending p; (p = queue.poll()) != null; ) {
                p.answer().completeExceptionally(stopping);
            }
        }
    }

    /** Adds what is queued, and waits up to maxWait for images still being decoded, until the batch is full. */
    private void gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            Pending next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || preparing.get() == 0) {
                    return;
                }
                next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
            }
            batch.add(next);
        }
    }

    /** Runs a batch (one job per preprocessing in it: one, unless the model changed) and answers each image. */
    private void run(List<Pending> batch) throws InterruptedException {
        Map<Preprocessing, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending p : batch) {
            groups.computeIfAbsent(p.preprocessing(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Preprocessing, List<Pending>> group : groups.entrySet()) {
            List<Pending> items = group.getValue();
            int size = group.getKey().tensorSize();
            float[] pixels = buffer(items.size() * size, maxBatch * size);
            List<String> sources = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                System.arraycopy(items.get(i).tensor(), 0, pixels, i * size, size);
                sources.add(items.get(i).source());
            }
            metrics.batch(items.size());
            if (running != null) {
                running.lockInterruptibly();
            }
            try {
                List<Prediction> out = service.predictPreprocessed(group.getKey(), pixels, sources)
                        .result()
                        .get();
                for (int i = 0; i < items.size(); i++) {
                    items.get(i).answer().complete(out.get(i));
                }
            } catch (ExecutionException e) {
                Throwable cause = Failures.unwrap(e);
                if (Failures.isUnexpected(cause)) {
                    log.error("a batch of {} failed", items.size(), cause);
                }
                items.forEach(p -> p.answer().completeExceptionally(cause));
            } finally {
                if (running != null) {
                    running.unlock();
                }
            }
        }
    }

    /**
     * The batch's pixel array, reused from batch to batch (this thread waits for each job before the next,
     * so the engine is done with it): a new one per batch of 16 would be 9.6 MB of garbage for each.
     */
    private float[] buffer(int floats, int full) {
        if (pixels == null || pixels.length < floats) {
            pixels = new float[Math.max(floats, full)];
        }
        return pixels;
    }

    /** Stops the batching thread; images still waiting fail with "The server is stopping." */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

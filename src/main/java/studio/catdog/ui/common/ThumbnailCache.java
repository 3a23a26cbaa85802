package studio.catdog.ui.common;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Decodes small thumbnails on a bounded background pool and keeps the most recently used ones in a
 * bounded LRU memory cache. Requests are served newest first (the cells the user looks at now), and
 * a request whose cell has moved on is dropped before it is decoded. Nothing is decoded on the UI
 * thread.
 */
public final class ThumbnailCache implements AutoCloseable {

    private final int size;
    private final TaskExecutor executor;
    private final ThreadPoolExecutor pool;
    private final Map<Path, Image> lru;

    /**
     * @param size thumbnail edge in pixels (images are scaled to fit, keeping their ratio)
     * @param capacity thumbnails kept in memory
     * @param threads decoding threads
     * @param executor delivers results on the UI thread
     */
    public ThumbnailCache(int size, int capacity, int threads, TaskExecutor executor) {
        this.size = size;
        this.executor = executor;
        this.lru = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
                return size() > capacity;
            }
        };
        // LIFO: the newest request (the cell on screen now) is decoded first.
        LinkedBlockingDeque<Runnable> lifo = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        this.pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, lifo, FxTaskExecutor.named("catdog-thumbnails"));
    }

    /**
     * Returns a cached thumbnail at once.
     *
     * @param path the image
     * @return the thumbnail, or null when not cached
     */
    public Image cached(Path path) {
        synchronized (lru) {
            return lru.get(path);
        }
    }

    /**
     * Requests a thumbnail. The consumer runs on the UI thread, only if the request is still wanted
     * then; broken images give an errored {@link Image}.
     *
     * @param path the image
     * @param stillWanted checked before decoding and before delivering (any thread)
     * @param consumer receives the thumbnail
     */
    public void request(Path path, BooleanSupplier stillWanted, Consumer<Image> consumer) {
        Image hit = cached(path);
        if (hit != null) {
            consumer.accept(hit);
            return;
        }
        pool.execute(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            Image img = cached(path);
            if (img == null) {
                img = new Image(path.toUri().toString(), size, size, true, true, false);
                synchronized (lru) {
                    lru.put(path, img);
                }
            }
            Image done = img;
            executor.runOnUi(() -> {
                if (stillWanted.getAsBoolean()) {
                    consumer.accept(done);
                }
            });
        });
    }

    /** @return requests waiting to be decoded */
    public int pending() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

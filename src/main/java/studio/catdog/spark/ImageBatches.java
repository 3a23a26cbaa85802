package studio.catdog.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.image.DecodedImage;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.image.UnreadableImageException;

/**
 * Runs a partition's images through the executor's backbone a batch at a time: read (Hadoop), hash,
 * decode and preprocess the batch (on the task's own cores), then one backbone call for the batch.
 * Only float arrays leave this class; every NDArray lives and dies inside {@link Backbone#extract}.
 */
final class ImageBatches {

    private static final Logger log = LoggerFactory.getLogger(ImageBatches.class);

    /** One image's outcome. */
    private ImageBatches() {}

    /**
     * Maps a partition lazily, batch by batch, so a partition of any size needs one batch of memory.
     *
     * @param <I> input rows
     * @param <O> output rows
     * @param input the partition
     * @param batchSize rows per batch
     * @param batch turns one batch into its output rows
     * @return the output rows
     */
    static <I, O> Iterator<O> mapInBatches(Iterator<I> input, int batchSize, Function<List<I>, List<O>> batch) {
        return new Iterator<>() {
            private Iterator<O> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && input.hasNext()) {
                    List<I> rows = new ArrayList<>(batchSize);
                    while (rows.size() < batchSize && input.hasNext()) {
                        rows.add(input.next());
                    }
                    current = batch.apply(rows).iterator();
                }
                return current.hasNext();
            }

            @Override
            public O next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The per-task state: Hadoop configuration and the decode threads (as many as the task's cores). */
    static final class Worker implements AutoCloseable {
        private final Backbone backbone;
        private final Configuration conf;
        private final ExecutorService decoders;

        /**
         * @param shipped what the driver shipped
         */
        Worker(ShippedModel shipped) {
            TaskContext task = TaskContext.get();
            int cores = task == null ? 1 : Math.max(1, task.cpus());
            this.backbone = ExecutorModels.backbone(shipped, cores);
            this.conf = HadoopFiles.configuration();
            // One core per task decodes on the task's own thread; more cores decode the batch in parallel.
            this.decoders = cores == 1
                    ? null
                    : Executors.newFixedThreadPool(cores, r -> {
                        Thread t = new Thread(r, "catdog-spark-decode");
                        t.setDaemon(true);
                        return t;
                    });
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) ctx -> close());
            }
        }

        /** @return images per backbone call */
        int batchSize() {
            return Math.max(1, backbone.preferredBatchSize());
        }

        /**
         * Reads, hashes, decodes and runs one batch.
         *
         * @param paths the images (Hadoop URIs)
         * @param withFeatures false to only read and hash (features null)
         * @return one result per path, in order
         */
        List<ImageFeatureResult> run(List<String> paths, boolean withFeatures) {
            Preprocessing p = backbone.preprocessing();
            List<Decoded> decoded = new ArrayList<>(paths.size());
            if (decoders == null) {
                paths.forEach(path -> decoded.add(decode(path, p, withFeatures, conf)));
            } else {
                List<Future<Decoded>> futures = new ArrayList<>();
                paths.forEach(path -> futures.add(decoders.submit(() -> decode(path, p, withFeatures, conf))));
                for (Future<Decoded> f : futures) {
                    try {
                        decoded.add(f.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CatdogException("Decoding was interrupted", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("decoder failed unexpectedly", e.getCause());
                    }
                }
            }
            float[][] features = null;
            if (withFeatures) {
                int size = p.tensorSize();
                List<Decoded> ok =
                        decoded.stream().filter(d -> d.tensor != null).toList();
                if (!ok.isEmpty()) {
                    float[] pixels = new float[ok.size() * size];
                    for (int i = 0; i < ok.size(); i++) {
                        System.arraycopy(ok.get(i).tensor, 0, pixels, i * size, size);
                    }
                    features = backbone.extract(pixels, ok.size());
                }
            }
            List<ImageFeatureResult> out = new ArrayList<>(paths.size());
            int next = 0;
            for (Decoded d : decoded) {
                float[] f = withFeatures && d.tensor != null ? features[next++] : null;
                out.add(new ImageFeatureResult(d.path, d.sha256, f, d.error, d.damage));
            }
            return out;
        }

        @Override
        public void close() {
            if (decoders != null) {
                decoders.shutdownNow();
            }
        }
    }

    private record Decoded(String path, String sha256, float[] tensor, String error, String damage) {}

    /**
     * Reads and hashes one file, without the backbone (the first pass of {@code extract}).
     *
     * @param path the image (Hadoop URI)
     * @param conf the Hadoop configuration
     * @return its checksum, or the reason it cannot be read
     */
    static ImageFeatureResult hash(String path, Configuration conf) {
        Decoded d = decode(path, null, false, conf);
        return new ImageFeatureResult(d.path, d.sha256, null, d.error, null);
    }

    private static Decoded decode(String path, Preprocessing p, boolean withPixels, Configuration conf) {
        byte[] bytes;
        try {
            bytes = HadoopFiles.read(path, conf);
        } catch (UnreadableImageException e) {
            return new Decoded(path, null, null, e.getMessage(), null);
        } catch (RuntimeException e) {
            log.warn("unexpected read failure on {}", path, e);
            return new Decoded(
                    path, null, null, "cannot read the file: " + e.getClass().getSimpleName(), null);
        }
        String sha = DatasetScanner.sha256(bytes);
        if (!withPixels) {
            return new Decoded(path, sha, null, null, null);
        }
        try {
            DecodedImage image = ImageDecoder.decodeChecked(bytes);
            return new Decoded(path, sha, ImagePreprocessor.toTensor(image.image(), p), null, image.damage());
        } catch (UnreadableImageException e) {
            return new Decoded(path, sha, null, e.getMessage(), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("unexpected decoder failure on {}", path, e);
            return new Decoded(
                    path, sha, null, "could not be decoded: " + e.getClass().getSimpleName(), null);
        }
    }
}

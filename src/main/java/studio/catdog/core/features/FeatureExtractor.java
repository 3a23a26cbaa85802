package studio.catdog.core.features;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Eta;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.image.DecodedImage;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.image.UnreadableImageException;

/**
 * Computes backbone features for images, using the cache for those already seen. Decoding and
 * preprocessing run on a small thread pool, either a bounded window ahead of the backbone (the CPU
 * decodes the next batch while the backbone runs this one: {@link Pipeline#OVERLAPPED}) or in turn
 * with it (all cores decode one batch, then the backbone runs it: {@link Pipeline#PHASED}). Only
 * float arrays cross threads; the backbone (and every NDArray) is used on the calling thread alone.
 */
public final class FeatureExtractor {

    private static final Logger log = LoggerFactory.getLogger(FeatureExtractor.class);

    /** How decoding is scheduled against the backbone. */
    public enum Pipeline {
        /**
         * Decode threads work ahead of the backbone while it runs. Hides decoding when the backbone
         * leaves a core idle; on a machine whose cores all run the backbone, the decode thread takes
         * a core from one of the backbone's threads and every parallel operator waits for that one.
         */
        OVERLAPPED,
        /**
         * Every decode thread decodes the next batch, then the backbone runs it with every core; the
         * two never compete for a core, and decoding is not hidden. The default: on our 2-vCPU machine
         * int8 ResNet50 ran 96 images/s end to end against 88 overlapped (median of 5 interleaved runs
         * each; the backbone inside the pipeline 137 against 96 images/s), and fp32 ResNet50 and the
         * built-in MobileNetV2 were the same either way (BENCHMARKS.md, "int8 fast path (issue 11)").
         */
        PHASED;

        /**
         * @param text {@code overlapped} or {@code phased}, any case
         * @return the pipeline
         * @throws IllegalArgumentException for another name
         */
        public static Pipeline parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final int batchSize;
    private final int decodeThreads;
    private final Pipeline pipeline;

    /**
     * Creates an extractor with the default pipeline ({@link #defaultPipeline()}).
     *
     * @param batchSize images per backbone call; 0 for the backbone's own choice
     *     ({@link Backbone#preferredBatchSize()})
     * @param decodeThreads threads that decode and preprocess; 0 for the pipeline's default
     *     ({@link #defaultDecodeThreads(Pipeline)})
     */
    public FeatureExtractor(int batchSize, int decodeThreads) {
        this(batchSize, decodeThreads, defaultPipeline());
    }

    /**
     * Creates an extractor.
     *
     * @param batchSize images per backbone call; 0 for the backbone's own choice
     *     ({@link Backbone#preferredBatchSize()})
     * @param decodeThreads threads that decode and preprocess; 0 for the pipeline's default
     *     ({@link #defaultDecodeThreads(Pipeline)})
     * @param pipeline how decoding is scheduled against the backbone
     */
    public FeatureExtractor(int batchSize, int decodeThreads, Pipeline pipeline) {
        if (batchSize < 0 || decodeThreads < 0) {
            throw new IllegalArgumentException("batchSize and decodeThreads must not be negative");
        }
        this.batchSize = batchSize;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.decodeThreads = decodeThreads == 0 ? defaultDecodeThreads(pipeline) : decodeThreads;
    }

    /** Creates an extractor with settings that suit this machine and each backbone. */
    public FeatureExtractor() {
        this(0, 0);
    }

    /**
     * The pipeline used when none is given: {@link Pipeline#PHASED}, or the system property
     * {@code catdog.pipeline} ({@code overlapped} or {@code phased}) so the choice can be measured again.
     *
     * @return the pipeline
     */
    public static Pipeline defaultPipeline() {
        return Pipeline.parse(System.getProperty("catdog.pipeline", "phased"));
    }

    /** @return decode threads for this machine with the default pipeline */
    public static int defaultDecodeThreads() {
        return defaultDecodeThreads(defaultPipeline());
    }

    /**
     * Decode threads for this machine.
     *
     * @param pipeline the pipeline
     * @return every core for {@link Pipeline#PHASED} (they take turns with the backbone); half the
     *     cores, at least one, for {@link Pipeline#OVERLAPPED} (the rest run the backbone meanwhile)
     */
    public static int defaultDecodeThreads(Pipeline pipeline) {
        int cores = Runtime.getRuntime().availableProcessors();
        return pipeline == Pipeline.PHASED ? Math.max(1, cores) : Math.max(1, cores / 2);
    }

    /** @return how decoding is scheduled against the backbone */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * The batch size used with a backbone.
     *
     * @param backbone the backbone
     * @return the fixed batch size, or the backbone's preferred one
     */
    public int batchSizeFor(Backbone backbone) {
        return batchSize > 0 ? batchSize : Math.max(1, backbone.preferredBatchSize());
    }

    /** @return the number of decode threads */
    public int decodeThreads() {
        return decodeThreads;
    }

    /**
     * Returns the features of every sample, computing and caching the missing ones.
     *
     * @param backbone the backbone (used on this thread only)
     * @param cache the cache for this backbone; may be null to compute everything
     * @param samples the images
     * @param cancel checked between batches
     * @param listener progress
     * @return the features, in the order of {@code samples}, without undecodable images
     */
    public FeatureSet extract(
            Backbone backbone,
            FeatureCache cache,
            List<ImageSample> samples,
            CancellationToken cancel,
            ExtractionListener listener) {
        long start = System.nanoTime();
        Map<String, float[]> found = new HashMap<>();
        List<ImageSample> missing = new ArrayList<>();
        for (ImageSample s : samples) {
            float[] v = cache == null ? null : cache.get(s.sha256());
            if (v != null) {
                found.put(s.sha256(), v);
            } else if (!found.containsKey(s.sha256())) {
                missing.add(s);
                found.put(s.sha256(), null); // duplicates are computed once
            }
        }
        int fromCache = (int) found.values().stream().filter(v -> v != null).count();
        int total = samples.size();
        int cachedSamples = (int)
                samples.stream().filter(s -> found.get(s.sha256()) != null).count();
        listener.onProgress(cachedSamples, total, Double.NaN);

        Map<String, String> failures = new HashMap<>();
        Map<String, String> damaged = new HashMap<>();
        if (!missing.isEmpty()) {
            computeMissing(backbone, cache, missing, found, failures, damaged, cancel, listener, cachedSamples, total);
        }

        List<ImageSample> kept = new ArrayList<>(samples.size());
        List<float[]> features = new ArrayList<>(samples.size());
        List<SkippedFile> skipped = new ArrayList<>();
        for (ImageSample s : samples) {
            float[] v = found.get(s.sha256());
            if (v != null) {
                kept.add(s);
                features.add(v);
            } else {
                skipped.add(new SkippedFile(s.path(), failures.getOrDefault(s.sha256(), "could not be decoded")));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FeatureSet(kept, features, skipped, fromCache, missing.size() - failures.size(), seconds, damaged);
    }

    private void computeMissing(
            Backbone backbone,
            FeatureCache cache,
            List<ImageSample> missing,
            Map<String, float[]> found,
            Map<String, String> failures,
            Map<String, String> damaged,
            CancellationToken cancel,
            ExtractionListener listener,
            int alreadyDone,
            int total) {
        Preprocessing p = backbone.preprocessing();
        int tensor = p.tensorSize();
        int batchSize = batchSizeFor(backbone);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, r -> {
            Thread t = new Thread(r, "catdog-decode-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long computeStart = System.nanoTime();
        // Overlapped: a bounded window of decodes ahead of the backbone. Phased: only the current
        // batch's decodes, none while the backbone runs (a batch is only run once nothing is pending).
        int window = pipeline == Pipeline.OVERLAPPED ? batchSize * (decodeThreads + 2) : batchSize;
        Deque<Future<Decoded>> pending = new ArrayDeque<>();
        int next = 0;
        int done = alreadyDone;
        int computed = 0;
        float[] pixels = new float[batchSize * tensor];
        List<ImageSample> batch = new ArrayList<>(batchSize);
        try {
            while (next < missing.size() || !pending.isEmpty() || !batch.isEmpty()) {
                int room = pipeline == Pipeline.OVERLAPPED
                        ? window - pending.size()
                        : window - batch.size() - pending.size();
                while (next < missing.size() && room-- > 0) {
                    ImageSample s = missing.get(next++);
                    pending.add(pool.submit(() -> decode(s, p)));
                }
                if (!pending.isEmpty()) {
                    Decoded d = pending.poll().get();
                    if (d.error != null) {
                        failures.put(d.sample.sha256(), d.error);
                        done++;
                    } else {
                        System.arraycopy(d.tensor, 0, pixels, batch.size() * tensor, tensor);
                        batch.add(d.sample);
                        if (d.damage != null) {
                            damaged.put(d.sample.sha256(), d.damage);
                        }
                    }
                }
                boolean last = next >= missing.size() && pending.isEmpty();
                if (batch.size() == batchSize || (last && !batch.isEmpty())) {
                    cancel.throwIfCancelled();
                    float[][] out = backbone.extract(pixels, batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        String hash = batch.get(i).sha256();
                        found.put(hash, out[i]);
                        // A damaged image is never cached: decoded again next time, it is reported again.
                        if (cache != null && !damaged.containsKey(hash)) {
                            cache.put(hash, out[i]);
                        }
                    }
                    computed += batch.size();
                    done += batch.size();
                    batch.clear();
                    // The rate of the images computed here; cached ones came for free.
                    double elapsed = (System.nanoTime() - computeStart) / 1e9;
                    listener.onProgress(
                            Math.min(done, total),
                            total,
                            Eta.secondsLeft(elapsed, computed, computed + Math.max(0, total - done)));
                }
            }
            if (cache != null) {
                cache.sync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatdogException("Feature extraction was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoder failed unexpectedly", e.getCause());
        } catch (IOException e) {
            throw new CatdogException("Cannot write the feature cache: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
            if (cache != null) {
                try {
                    cache.sync(); // keep what was computed before a cancel or failure
                } catch (IOException e) {
                    log.warn("feature cache sync failed", e);
                }
            }
        }
    }

    private static Decoded decode(ImageSample s, Preprocessing p) {
        try {
            DecodedImage d = ImageDecoder.decodeChecked(ImageDecoder.readBytes(s.path()));
            return new Decoded(s, ImagePreprocessor.toTensor(d.image(), p), null, d.damage());
        } catch (UnreadableImageException e) {
            return new Decoded(s, null, e.getMessage(), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("unexpected decoder failure on {}", s.path(), e);
            return new Decoded(s, null, "could not be decoded: " + e.getClass().getSimpleName(), null);
        }
    }

    private record Decoded(ImageSample sample, float[] tensor, String error, String damage) {}
}

package studio.catdog.serve;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters, written as Prometheus text (exposition format 0.0.4): requests and errors by
 * status code, the latency of {@code POST /predict} as a histogram, the batch sizes and the queue length.
 * Thread-safe; updating is a few atomic additions.
 */
final class ServerMetrics {

    /** Paths that get their own label; anything else is counted as "other", so a scan cannot add labels. */
    static final Set<String> PATHS = Set.of("/predict", "/health", "/model", "/metrics", "/openapi.json");

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final int[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = adders(LATENCY_BUCKETS.length);
    private final DoubleAdder latencySum = new DoubleAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder[] batchBuckets = adders(BATCH_BUCKETS.length);
    private final Map<Integer, LongAdder> batchesBySize = new ConcurrentHashMap<>();
    private final LongAdder batchImages = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder total = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /**
     * Counts one answered request.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param status the status code sent
     * @param seconds how long it took
     */
    void request(String method, String path, int status, double seconds) {
        String label = PATHS.contains(path) ? path : "other";
        requests.computeIfAbsent(label + "\u0000" + status, k -> new LongAdder())
                .increment();
        total.increment();
        if (status >= 400) {
            errors.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
        if ("/predict".equals(path) && "POST".equals(method)) {
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                if (seconds <= LATENCY_BUCKETS[i]) {
                    latencyBuckets[i].increment();
                }
            }
            latencySum.add(seconds);
            latencyCount.increment();
        }
    }

    /**
     * Counts one backbone batch.
     *
     * @param size its images
     */
    void batch(int size) {
        for (int i = 0; i < BATCH_BUCKETS.length; i++) {
            if (size <= BATCH_BUCKETS[i]) {
                batchBuckets[i].increment();
            }
        }
        batchesBySize.computeIfAbsent(size, k -> new LongAdder()).increment();
        batchImages.add(size);
        batches.increment();
    }

    /** @return requests answered so far */
    long requestCount() {
        return total.sum();
    }

    /** @return batches run so far, by size (ascending) */
    Map<Integer, Long> batchSizes() {
        Map<Integer, Long> out = new TreeMap<>();
        batchesBySize.forEach((size, n) -> out.put(size, n.sum()));
        return out;
    }

    /**
     * @param queueLength images waiting for the backbone now
     * @param inFlight prediction requests being handled now
     * @return the metrics as Prometheus text
     */
    String prometheus(int queueLength, int inFlight) {
        StringBuilder out = new StringBuilder(2048);
        header(out, "catdog_http_requests_total", "counter", "HTTP requests answered, by path and status code.");
        new TreeMap<>(requests).forEach((key, n) -> {
            String[] parts = key.split("\u0000");
            out.append("catdog_http_requests_total{path=\"")
                    .append(parts[0])
                    .append("\",code=\"")
                    .append(parts[1])
                    .append("\"} ")
                    .append(n.sum())
                    .append('\n');
        });
        header(out, "catdog_http_errors_total", "counter", "HTTP requests answered with an error (4xx, 5xx), by code.");
        new TreeMap<>(errors)
                .forEach((code, n) -> out.append("catdog_http_errors_total{code=\"")
                        .append(code)
                        .append("\"} ")
                        .append(n.sum())
                        .append('\n'));
        header(
                out,
                "catdog_predict_duration_seconds",
                "histogram",
                "Time to answer POST /predict, from the request to the response.");
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            bucket(out, "catdog_predict_duration_seconds", number(LATENCY_BUCKETS[i]), latencyBuckets[i].sum());
        }
        bucket(out, "catdog_predict_duration_seconds", "+Inf", latencyCount.sum());
        out.append("catdog_predict_duration_seconds_sum ")
                .append(number(latencySum.sum()))
                .append('\n');
        out.append("catdog_predict_duration_seconds_count ")
                .append(latencyCount.sum())
                .append('\n');
        header(out, "catdog_batch_size", "histogram", "Images per backbone call.");
        for (int i = 0; i < BATCH_BUCKETS.length; i++) {
            bucket(out, "catdog_batch_size", Integer.toString(BATCH_BUCKETS[i]), batchBuckets[i].sum());
        }
        bucket(out, "catdog_batch_size", "+Inf", batches.sum());
        out.append("catdog_batch_size_sum ").append(batchImages.sum()).append('\n');
        out.append("catdog_batch_size_count ").append(batches.sum()).append('\n');
        header(out, "catdog_batches_total", "counter", "Backbone calls, by their exact number of images.");
        batchSizes()
                .forEach((size, n) -> out.append("catdog_batches_total{size=\"")
                        .append(size)
                        .append("\"} ")
                        .append(n)
                        .append('\n'));
        header(out, "catdog_queue_length", "gauge", "Images decoded and waiting for the backbone.");
        out.append("catdog_queue_length ").append(queueLength).append('\n');
        header(out, "catdog_predict_in_flight", "gauge", "POST /predict requests being handled.");
        out.append("catdog_predict_in_flight ").append(inFlight).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void bucket(StringBuilder out, String name, String le, long count) {
        out.append(name)
                .append("_bucket{le=\"")
                .append(le)
                .append("\"} ")
                .append(count)
                .append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) + ".0"
                : String.format(Locale.ROOT, "%s", v);
    }
}

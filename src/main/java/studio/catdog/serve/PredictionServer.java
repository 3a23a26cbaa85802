package studio.catdog.serve;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.image.DecodedImage;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.image.UnreadableImageException;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.ModelSummary;
import studio.catdog.core.storage.ModelManifest;

/**
 * A local HTTP/1.1 + JSON prediction server over a {@link ModelService}'s current model: {@code POST /predict},
 * {@code GET /health}, {@code /model}, {@code /metrics} and {@code /openapi.json} (which documents them).
 *
 * <p>Request threads read and decode the images (at most one decode per core at a time, so memory stays
 * bounded), then hand the pixels to the {@link BatchingPredictor}, which runs them in batches on the
 * service's engine worker. Safe by default: loopback only, an optional bearer token, a body size limit,
 * idle and upload-rate limits, a bounded queue (429 with {@code Retry-After}), and errors as
 * {@code {"error": "..."}} only.
 *
 * @implNote {@link #stop()} is graceful: it closes the listening socket, lets the requests in flight finish
 *     (up to {@link ServeSettings#drainTimeout()}), then stops Jetty and the batching thread. It does not
 *     close the model service, which belongs to the caller.
 */
public final class PredictionServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PredictionServer.class);
    private static final String JSON = "application/json";
    /** How long one image may wait for its answer (e.g. behind a training run in the app) before a 503. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /** The paths and their one method; anything else is 404, another method 405. */
    static final Map<String, String> ROUTES = Map.of(
            "/predict", "POST",
            "/health", "GET",
            "/model", "GET",
            "/metrics", "GET",
            "/openapi.json", "GET");

    private final ModelService service;
    private final ServeSettings settings;
    private final ServerMetrics metrics = new ServerMetrics();
    private final BatchingPredictor batcher;
    private final Semaphore decoders =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    /**
     * Decoding against the backbone, as in {@link FeatureExtractor.Pipeline}: {@code PHASED} (the default, and
     * {@code catdog predict}'s) lets no image decode while a batch runs, so the backbone's threads get every
     * core; {@code OVERLAPPED} decodes meanwhile. Decodes hold the read side, a running batch the write side.
     */
    private final ReadWriteLock phases = new ReentrantReadWriteLock(true);

    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final byte[] openApi;
    private final Javalin app;
    private volatile boolean stopping;
    private volatile int boundPort = -1;
    private Boolean drained;

    private PredictionServer(ModelService service, ServeSettings settings) {
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.openApi = readOpenApi();
        this.batcher = new BatchingPredictor(
                service,
                settings,
                metrics,
                settings.pipeline() == FeatureExtractor.Pipeline.PHASED ? phases.writeLock() : null);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                // A blocking read of the body gives up after this long without a byte.
                http.setIdleTimeout(settings.idleTimeout().toMillis());
                // Dispatch on the headers: a request is in flight (counted, drained on stop) from then on,
                // not only once Jetty has buffered its body.
                http.setDelayDispatchUntilContent(false);
            });
            // An upload slower than this over its whole length is cut off (a byte now and then is not enough).
            cfg.jetty.modifyServletContextHandler(context ->
                    context.insertHandler(new MinimumDataRateHandler(settings.minUploadBytesPerSecond(), 0)));
            cfg.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes(), SizeUnit.BYTES);
            // Parts stay in memory (the size limit bounds them): nothing is written to disk.
            cfg.jetty.multipartConfig.maxInMemoryFileSize(
                    (int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes()), SizeUnit.BYTES);
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                // No graceful wait inside Jetty: stop() has drained the requests already, and Jetty's own
                // wait would also wait for idle keep-alive connections.
                server.setStopTimeout(0);
            });
            cfg.requestLogger.http((ctx, ms) ->
                    metrics.request(ctx.method().name(), ctx.path(), ctx.statusCode(), ms == null ? 0 : ms / 1000.0));
            cfg.routes.before(this::checkToken);
            cfg.routes.post("/predict", this::predict);
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/model", this::model);
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.prometheus(batcher.queued(), inFlight.get())));
            cfg.routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
            cfg.routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, plain(e)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
                answer(
                        ctx,
                        new ApiException(
                                500,
                                "Internal error (" + e.getClass().getSimpleName()
                                        + "); the server's log has the details."));
            });
            cfg.routes.error(404, ctx -> answer(ctx, notFound(ctx)));
            cfg.routes.error(405, ctx -> answer(ctx, notAllowed(ctx)));
        });
    }

    /**
     * Starts a server for the service's current model (requests get 503 while there is none).
     *
     * @param service the model service; its engine worker runs the batches
     * @param settings where to listen and what to accept
     * @return the running server
     * @throws CatdogException when the address cannot be bound (the port is in use, the host is not this
     *     computer's)
     */
    public static PredictionServer start(ModelService service, ServeSettings settings) {
        PredictionServer server = new PredictionServer(service, settings);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.batcher.close();
            try {
                server.app.stop();
            } catch (RuntimeException ignored) {
                // nothing was started
            }
            throw new CatdogException(bindFailure(settings, e), e);
        }
        server.boundPort = server.app.port();
        for (Connector c : server.jetty().getConnectors()) {
            if (c instanceof ServerConnector connector) {
                connector.setIdleTimeout(settings.idleTimeout().toMillis()); // idle keep-alive connections
            }
        }
        log.info("serving on {} (batches of up to {})", server.url(), settings.maxBatch());
        return server;
    }

    private static String bindFailure(ServeSettings settings, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t instanceof JavalinBindException) {
                return "Port " + settings.port() + " on " + settings.host()
                        + " is in use by another program (or not allowed); choose another port.";
            }
        }
        return "Cannot listen on " + settings.host() + ":" + settings.port() + ": " + Failures.describe(e);
    }

    private Server jetty() {
        return app.jettyServer().server();
    }

    /** @return the port it listens on (the chosen one when the settings said 0) */
    public int port() {
        return boundPort;
    }

    /** @return the address clients use, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** @return the settings it runs with */
    public ServeSettings settings() {
        return settings;
    }

    /** @return requests answered so far (all paths, errors included) */
    public long requestCount() {
        return metrics.requestCount();
    }

    /** @return backbone calls so far by their number of images (the batch-size distribution) */
    public Map<Integer, Long> batchSizes() {
        return metrics.batchSizes();
    }

    /** @return images admitted now (being read, decoded, queued or in the running batch) */
    int admittedImages() {
        return admitted.get();
    }

    /** @return whether {@link #stop()} has begun */
    public boolean isStopping() {
        return stopping;
    }

    private void checkToken(Context ctx) {
        BearerToken token = settings.token();
        if (token != null && !token.accepts(ctx.header("Authorization"))) {
            throw new ApiException(401, "This server needs a token: send the header 'Authorization: Bearer <token>'.");
        }
    }

    private void health(Context ctx) {
        if (stopping) {
            throw new ApiException(503, "The server is stopping.");
        }
        ModelSummary model =
                service.currentModel().orElseThrow(() -> new ApiException(503, "No model is loaded yet.", 5));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("classes", model.classes());
        ctx.contentType(JSON).result(ServeJson.write(out));
    }

    private void model(Context ctx) {
        ModelSummary model =
                service.currentModel().orElseThrow(() -> new ApiException(503, "No model is loaded yet.", 5));
        ModelManifest manifest = service.currentManifest().orElse(null);
        Map<String, Object> backbone = new LinkedHashMap<>();
        backbone.put("kind", model.backbone().kind());
        backbone.put("name", model.backbone().name());
        backbone.put("sha256", model.backbone().sha256());
        backbone.put("featureDim", model.backbone().featureDim());
        backbone.put("featureLayer", model.backbone().featureLayer());
        backbone.put("engine", model.backbone().engine());
        backbone.put("device", model.backbone().device());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", model.classes());
        out.put("backbone", backbone);
        out.put("metrics", manifest == null ? null : manifest.metrics());
        out.put("checksum", model.savedAt() == null ? null : manifestChecksum(model.savedAt()));
        out.put("createdAt", manifest == null ? null : manifest.createdAt());
        out.put("maxBatch", settings.maxBatch());
        ctx.contentType(JSON).result(ServeJson.write(out));
    }

    /** The SHA-256 of the folder's model.json: it names the head's and novelty files' checksums too. */
    private static String manifestChecksum(Path folder) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(folder.resolve("model.json")));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            return null; // moved or deleted since it was opened
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void predict(Context ctx) {
        inFlight.incrementAndGet();
        try {
            if (stopping) {
                ctx.header("Connection", "close");
                throw new ApiException(503, "The server is stopping.", 5);
            }
            Preprocessing preprocessing = service.currentPreprocessing()
                    .orElseThrow(() -> new ApiException(503, "No model is loaded yet.", 5));
            String type = ctx.header("Content-Type");
            boolean multipart = ImageUploads.isMultipart(type);
            long declared = ctx.req().getContentLengthLong();
            if (declared > settings.maxBodyBytes()) {
                ctx.header("Connection", "close"); // the body is not read
                throw ImageUploads.tooLarge(settings.maxBodyBytes());
            }
            admit(1);
            int held = 1;
            try {
                if (!multipart) {
                    byte[] body = ImageUploads.readBody(declared, bodyStream(ctx), settings.maxBodyBytes());
                    Prediction answer = await(handIn(preprocessing, List.of(new ImageUpload("request", body)))
                            .get(0));
                    ctx.contentType(JSON).result(ServeJson.write(ServeJson.prediction(answer)));
                    return;
                }
                List<ImageUpload> files = ImageUploads.multipart(ctx, settings.maxBodyBytes(), settings.maxQueue());
                admit(files.size() - 1);
                held = files.size();
                ctx.contentType(JSON).result(ServeJson.write(predictAll(files, preprocessing)));
            } finally {
                admitted.addAndGet(-held);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static InputStream bodyStream(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes the images on this thread and hands them to the batcher together (so they can share a batch).
     *
     * @return per image its answer, or an {@link ApiException} (400) when it cannot be decoded
     */
    private List<CompletableFuture<Prediction>> handIn(Preprocessing preprocessing, List<ImageUpload> images) {
        List<CompletableFuture<Prediction>> answers = new ArrayList<>(images.size());
        BatchingPredictor.Preparation preparation = batcher.preparing();
        try {
            for (ImageUpload image : images) {
                try {
                    Prepared prepared = prepare(image.bytes(), preprocessing);
                    CompletableFuture<Prediction> answer =
                            batcher.submit(preprocessing, prepared.tensor(), image.name());
                    answers.add(
                            prepared.damage() == null
                                    ? answer
                                    : answer.thenApply(p -> p.withDamage(prepared.damage())));
                } catch (ApiException e) {
                    if (images.size() == 1) {
                        throw e;
                    }
                    answers.add(CompletableFuture.failedFuture(e));
                }
            }
        } finally {
            preparation.close();
        }
        return answers;
    }

    /** Every file's answer in order: its name with its prediction, or with its error. */
    private List<Map<String, Object>> predictAll(List<ImageUpload> files, Preprocessing preprocessing) {
        List<CompletableFuture<Prediction>> answers = handIn(preprocessing, files);
        List<Map<String, Object>> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", files.get(i).name());
            try {
                item.putAll(ServeJson.prediction(await(answers.get(i))));
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e; // the server's trouble, not this file's: the whole request fails
                }
                item.put("error", e.getMessage());
            }
            out.add(item);
        }
        return out;
    }

    /** Admits n more images into the queue, or refuses the request with 429. */
    private void admit(int n) {
        if (n <= 0) {
            return;
        }
        while (true) {
            int now = admitted.get();
            if (now + n > settings.maxQueue()) {
                throw new ApiException(
                        429,
                        "The server is busy: its queue holds " + now + " of at most " + settings.maxQueue()
                                + " images. Try again shortly.",
                        1);
            }
            if (admitted.compareAndSet(now, now + n)) {
                return;
            }
        }
    }

    /** An image ready for the backbone, and why its file is damaged (null when it is whole). */
    private record Prepared(float[] tensor, String damage) {}

    /** Decodes and preprocesses on this thread, at most one image per core at a time. */
    private Prepared prepare(byte[] bytes, Preprocessing preprocessing) {
        try {
            decoders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "The server is stopping.", 5);
        }
        Lock phase = settings.pipeline() == FeatureExtractor.Pipeline.PHASED ? phases.readLock() : null;
        if (phase != null) {
            phase.lock();
        }
        try {
            DecodedImage decoded = ImageDecoder.decodeChecked(bytes);
            return new Prepared(ImagePreprocessor.toTensor(decoded.image(), preprocessing), decoded.damage());
        } catch (UnreadableImageException e) {
            throw new ApiException(400, "The image cannot be used: " + e.getMessage() + ".");
        } finally {
            if (phase != null) {
                phase.unlock();
            }
            decoders.release();
        }
    }

    private static Prediction await(CompletableFuture<Prediction> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(
                    503,
                    "The model is busy (another job runs on it); no answer within " + ANSWER_TIMEOUT.toSeconds()
                            + " s. Try again later.",
                    10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "The server is stopping.", 5);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (Failures.isUnexpected(cause)) {
                throw new ApiException(500, "Internal error while predicting; the server's log has the details.");
            }
            throw new ApiException(503, Failures.describe(cause), 1);
        }
    }

    private static ApiException plain(HttpResponseException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "HTTP " + e.getStatus() : e.getMessage();
        return new ApiException(e.getStatus(), message);
    }

    private static ApiException notFound(Context ctx) {
        return new ApiException(
                404,
                "No such path: " + ctx.path() + ". The paths are " + String.join(", ", paths())
                        + "; GET /openapi.json describes them.");
    }

    private static ApiException notAllowed(Context ctx) {
        String allowed = ROUTES.get(ctx.path());
        ctx.header("Allow", allowed == null ? "GET" : allowed);
        return new ApiException(
                405,
                ctx.method().name() + " is not allowed on " + ctx.path() + "; use "
                        + (allowed == null ? "GET" : allowed) + ".");
    }

    private static List<String> paths() {
        return ROUTES.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .sorted()
                .toList();
    }

    private void answer(Context ctx, ApiException e) {
        ctx.status(e.status());
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"catdog\"");
        }
        if (e.retryAfterSeconds() >= 0) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        ctx.contentType(JSON).result(ServeJson.error(e.getMessage()));
    }

    private static byte[] readOpenApi() {
        try (InputStream in = PredictionServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the OpenAPI 3 document the server serves at {@code /openapi.json} */
    public static String openApiDocument() {
        return new String(readOpenApi(), StandardCharsets.UTF_8);
    }

    /**
     * Stops gracefully: no new connections (the listening socket closes), 503 for new requests on open
     * connections, and the requests in flight finish (up to the drain timeout); then Jetty and the batching
     * thread stop. Safe to call more than once and from any thread.
     *
     * @return whether every request in flight finished in time
     */
    public synchronized boolean stop() {
        if (drained != null) {
            return drained;
        }
        stopping = true;
        for (Connector c : jetty().getConnectors()) {
            if (c instanceof NetworkConnector network) {
                network.close();
            }
        }
        StatisticsHandler stats = jetty().getDescendant(StatisticsHandler.class);
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while ((inFlight.get() > 0 || (stats != null && stats.getRequestsActive() > 0))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drained = inFlight.get() == 0 && (stats == null || stats.getRequestsActive() == 0);
        if (!drained) {
            log.warn("stopping with {} requests unfinished after {}", inFlight.get(), settings.drainTimeout());
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            log.warn("Jetty did not stop cleanly", e);
        }
        batcher.close();
        log.info("stopped serving on {}", url());
        return drained;
    }

    /** Stops gracefully ({@link #stop()}). */
    @Override
    public void close() {
        stop();
    }
}

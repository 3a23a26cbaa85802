package studio.catdog.serve;

import java.time.Duration;
import java.util.Objects;
import studio.catdog.core.features.FeatureExtractor;

/**
 * How a {@link PredictionServer} listens and what it accepts.
 *
 * @param host the address to bind; {@link #LOOPBACK} by default, so only this computer can connect
 * @param port the TCP port; 0 picks a free one
 * @param maxBatch the most images one backbone call takes
 * @param maxWait how long a batch that is not full waits for images still being decoded
 * @param maxQueue the most images admitted at once (being read, decoded, waiting or in the running
 *     batch); one more is answered 429 with {@code Retry-After}
 * @param maxBodyBytes the largest request body; a larger one is answered 413
 * @param idleTimeout how long a connection may send nothing (a stalled upload, an idle keep-alive
 *     connection) before it is closed
 * @param minUploadBytesPerSecond the slowest upload accepted (over the whole body), so a client that
 *     sends a byte now and then cannot hold a request open
 * @param drainTimeout how long a graceful stop waits for requests in flight
 * @param token the bearer token every request must carry, or null for none
 * @param pipeline whether images decode while a batch runs ({@code OVERLAPPED}) or in turn with it
 *     ({@code PHASED}, the default, as in {@code catdog predict})
 */
public record ServeSettings(
        String host,
        int port,
        int maxBatch,
        Duration maxWait,
        int maxQueue,
        long maxBodyBytes,
        Duration idleTimeout,
        long minUploadBytesPerSecond,
        Duration drainTimeout,
        BearerToken token,
        FeatureExtractor.Pipeline pipeline) {

    /** The loopback address the server binds to unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default most images per backbone call. */
    public static final int DEFAULT_MAX_BATCH = 16;
    /** The default queue bound. */
    public static final int DEFAULT_MAX_QUEUE = 128;
    /** The default request size limit: 20 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1000 * 1000;

    /** Checks the values. */
    public ServeSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException("max batch must be 1..1024, got " + maxBatch);
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("max queue must be at least 1, got " + maxQueue);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body size must be positive");
        }
        if (maxWait.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (minUploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("min upload rate must not be negative");
        }
        Objects.requireNonNull(pipeline, "pipeline");
    }

    /**
     * @return loopback, port 8080, batches of up to 16, a 2 ms wait, a queue of 128, 20 MB, 30 s idle, no token,
     *     the extractor's pipeline ({@link FeatureExtractor#defaultPipeline()}: phased unless the system property
     *     {@code catdog.pipeline} says otherwise)
     */
    public static ServeSettings defaults() {
        return new ServeSettings(
                LOOPBACK,
                DEFAULT_PORT,
                DEFAULT_MAX_BATCH,
                Duration.ofMillis(2),
                DEFAULT_MAX_QUEUE,
                DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(30),
                1024,
                Duration.ofSeconds(10),
                null,
                FeatureExtractor.defaultPipeline());
    }

    /**
     * @param h the address to bind
     * @param p the port (0: a free one)
     * @return these settings on another address
     */
    public ServeSettings withAddress(String h, int p) {
        return new ServeSettings(
                h,
                p,
                maxBatch,
                maxWait,
                maxQueue,
                maxBodyBytes,
                idleTimeout,
                minUploadBytesPerSecond,
                drainTimeout,
                token,
                pipeline);
    }

    /**
     * @param batch most images per backbone call
     * @param queue most images admitted at once
     * @return these settings with other batch and queue bounds
     */
    public ServeSettings withBatching(int batch, int queue) {
        return new ServeSettings(
                host,
                port,
                batch,
                maxWait,
                queue,
                maxBodyBytes,
                idleTimeout,
                minUploadBytesPerSecond,
                drainTimeout,
                token,
                pipeline);
    }

    /**
     * @param bytes the largest request body
     * @return these settings with another size limit
     */
    public ServeSettings withMaxBodyBytes(long bytes) {
        return new ServeSettings(
                host,
                port,
                maxBatch,
                maxWait,
                maxQueue,
                bytes,
                idleTimeout,
                minUploadBytesPerSecond,
                drainTimeout,
                token,
                pipeline);
    }

    /**
     * @param idle how long a connection may stay silent
     * @param drain how long a graceful stop waits for requests in flight
     * @return these settings with other timeouts
     */
    public ServeSettings withTimeouts(Duration idle, Duration drain) {
        return new ServeSettings(
                host,
                port,
                maxBatch,
                maxWait,
                maxQueue,
                maxBodyBytes,
                idle,
                minUploadBytesPerSecond,
                drain,
                token,
                pipeline);
    }

    /**
     * @param t the bearer token, or null for none
     * @return these settings with another token
     */
    public ServeSettings withToken(BearerToken t) {
        return new ServeSettings(
                host,
                port,
                maxBatch,
                maxWait,
                maxQueue,
                maxBodyBytes,
                idleTimeout,
                minUploadBytesPerSecond,
                drainTimeout,
                t,
                pipeline);
    }

    /**
     * @param p whether images decode while a batch runs
     * @return these settings with another pipeline
     */
    public ServeSettings withPipeline(FeatureExtractor.Pipeline p) {
        return new ServeSettings(
                host,
                port,
                maxBatch,
                maxWait,
                maxQueue,
                maxBodyBytes,
                idleTimeout,
                minUploadBytesPerSecond,
                drainTimeout,
                token,
                p);
    }

    /** @return whether the server binds to a loopback address only */
    public boolean loopbackOnly() {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}

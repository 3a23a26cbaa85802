package studio.catdog.core.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.download.DownloadException.Reason;

/**
 * The app's one HTTP client: every download (backbones, the CUDA libtorch) goes through it, and no
 * other class opens a connection (SecurityTest). Only {@code https} addresses are fetched, plain
 * {@code http} only from this computer itself (tests, a local mirror).
 *
 * <p>{@link #fetch} writes into a {@code .part} file and resumes it with an HTTP Range request after a
 * dropped connection (a bounded number of times), reports progress after every chunk, and stops at the
 * job's cancel between chunks. A watchdog ({@link BodyCopy}) closes a connection that is cancelled or that sends nothing
 * for {@link Limits#stallTimeout()}, so neither a cancel nor a stalled server leaves a thread waiting.
 * Checking what arrived (size, checksum) is the caller's part.
 */
public final class HttpFetcher {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final long POLL_MS = 50;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /**
     * How long to wait and how often to try.
     *
     * @param connectTimeout the longest a connection may take to open
     * @param stallTimeout the longest a server may send nothing (headers or body) before the try ends
     * @param attempts tries per file, the first included; a connection cut mid-file resumes in the next
     * @param retryPause the wait between tries
     */
    public record Limits(Duration connectTimeout, Duration stallTimeout, int attempts, Duration retryPause) {

        /** Checks the values. */
        public Limits {
            if (connectTimeout.isNegative()
                    || connectTimeout.isZero()
                    || stallTimeout.isNegative()
                    || stallTimeout.isZero()
                    || attempts < 1
                    || retryPause.isNegative()) {
                throw new IllegalArgumentException("unusable download limits");
            }
        }

        /** @return 20 s to connect, 60 s without data, 5 tries 2 s apart */
        public static Limits standard() {
            return new Limits(Duration.ofSeconds(20), Duration.ofSeconds(60), 5, Duration.ofSeconds(2));
        }
    }

    private final Limits limits;
    private HttpClient client;

    /** Creates a fetcher with {@link Limits#standard()}. */
    public HttpFetcher() {
        this(Limits.standard());
    }

    /**
     * Creates a fetcher.
     *
     * @param limits time limits and tries
     */
    public HttpFetcher(Limits limits) {
        this.limits = limits;
    }

    /** @return the limits in force */
    public Limits limits() {
        return limits;
    }

    /**
     * Checks that an address is one this app may download from: {@code https}, or plain {@code http}
     * to the loopback address.
     *
     * @param url the address
     * @return the address
     * @throws DownloadException ({@link Reason#NOT_ALLOWED}) otherwise
     */
    public static URI checkAllowed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() != null && ("https".equals(scheme) || "http".equals(scheme) && isLoopback(url.getHost()))) {
            return url;
        }
        throw new DownloadException(
                Reason.NOT_ALLOWED,
                "CatDog Studio downloads only over https (plain http only "
                        + "from this computer itself, e.g. a local mirror); refused " + url,
                null);
    }

    /** Loopback by its literal form only, so that deciding needs no name lookup. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost")
                || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * Asks for a file's size without fetching it (HTTP HEAD).
     *
     * @param url the file
     * @param token cancels the wait
     * @return the size, or -1 when the server does not say
     * @throws DownloadException when the server cannot be reached or has no such file
     */
    public long contentLength(URI url, CancellationToken token) {
        checkAllowed(url);
        HttpResponse<Void> r = sendOnce(
                HttpRequest.newBuilder(url)
                        .timeout(limits.stallTimeout())
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding(),
                token);
        requireOk(url, r.statusCode());
        return r.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /**
     * Fetches a small text file (an index).
     *
     * @param url the file
     * @param token cancels the wait
     * @return its lines
     * @throws DownloadException when the server cannot be reached or has no such file
     */
    public List<String> lines(URI url, CancellationToken token) {
        checkAllowed(url);
        HttpResponse<String> r = sendOnce(
                HttpRequest.newBuilder(url).timeout(limits.stallTimeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString(),
                token);
        requireOk(url, r.statusCode());
        return r.body().lines().toList();
    }

    private <T> HttpResponse<T> sendOnce(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, CancellationToken token) {
        try {
            return send(request, handler, token);
        } catch (IOException e) {
            throw classify(request.uri(), e, 0, -1);
        }
    }

    private static void requireOk(URI url, int status) {
        if (status == 404 || status == 410) {
            throw new DownloadException(Reason.NOT_FOUND, url + " answered " + status + " (not found)", null);
        }
        if (status != 200) {
            throw new DownloadException(Reason.REFUSED, url + " answered " + status, null);
        }
    }

    /**
     * Downloads a file into {@code part}, continuing what a {@code part} already holds (HTTP Range;
     * a server that ignores the range sends the whole file, which then replaces it). A connection that
     * drops or stalls mid-file is resumed, up to {@link Limits#attempts()} tries in all.
     *
     * @param url the file
     * @param part where the bytes go; left in place on failure or cancel, so a later call resumes it
     * @param expectedBytes the size the caller expects, or -1; a server that offers another size is
     *     refused at once ({@link Reason#WRONG_FILE}) and the part deleted
     * @param listener progress after every chunk; may be null
     * @param token cancels between chunks (and any wait)
     * @return the size of the complete file in {@code part}
     * @throws DownloadException when it cannot be completed, with a plain reason
     * @throws CancelledException when cancelled
     */
    public long fetch(URI url, Path part, long expectedBytes, TransferListener listener, CancellationToken token) {
        checkAllowed(url);
        TransferListener sink = listener == null ? TransferListener.NONE : listener;
        boolean[] connected = {false};
        for (int attempt = 1; ; attempt++) {
            token.throwIfCancelled();
            try {
                return attempt(url, part, expectedBytes, sink, token, connected);
            } catch (RetryableFailure r) {
                // Offline answers at once; only a connection that worked before is worth waiting for.
                if (attempt >= limits.attempts() || r.failure().reason() == Reason.UNREACHABLE && !connected[0]) {
                    throw r.failure();
                }
                log.warn("{}: {}; trying again ({} of {})", url, r.getMessage(), attempt + 1, limits.attempts());
                pause(token);
            }
        }
    }

    private long attempt(
            URI url, Path part, long expectedBytes, TransferListener sink, CancellationToken token, boolean[] connected)
            throws RetryableFailure {
        long have = sizeOf(part);
        if (expectedBytes >= 0 && have > expectedBytes) {
            delete(part);
            have = 0;
        }
        if (expectedBytes > 0 && have == expectedBytes) {
            sink.progress(have, expectedBytes);
            return have;
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(limits.stallTimeout()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), token);
        } catch (IOException e) {
            throw new RetryableFailure(classify(url, e, have, expectedBytes));
        }
        connected[0] = true;
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long start;
        long total;
        if (status == 206 && have > 0) {
            Matcher m = CONTENT_RANGE.matcher(
                    response.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                BodyCopy.close(response.body());
                delete(part);
                throw new RetryableFailure(
                        new DownloadException(Reason.CUT, url + " resumed at the wrong place", null));
            }
            start = have;
            total = "*".equals(m.group(3)) ? (length < 0 ? -1 : have + length) : Long.parseLong(m.group(3));
        } else if (status == 200) {
            start = 0; // the whole file: a server without ranges, or a fresh start
            total = length;
        } else {
            BodyCopy.close(response.body());
            throw failureFor(url, status, part);
        }
        if (expectedBytes >= 0 && total >= 0 && total != expectedBytes) {
            BodyCopy.close(response.body());
            delete(part);
            throw new DownloadException(
                    Reason.WRONG_FILE,
                    String.format(
                            Locale.ROOT,
                            "%s offers a file of %,d bytes, not the expected %,d bytes",
                            url,
                            total,
                            expectedBytes),
                    null);
        }
        return BodyCopy.copy(
                url,
                response.body(),
                part,
                start,
                total >= 0 ? total : expectedBytes,
                sink,
                token,
                limits.stallTimeout());
    }

    private static RetryableFailure failureFor(URI url, int status, Path part) {
        if (status == 404 || status == 410) {
            throw new DownloadException(Reason.NOT_FOUND, url + " answered " + status + " (not found)", null);
        }
        if (status == 416) {
            delete(part); // the part is not a prefix the server knows: start again
            return new RetryableFailure(
                    new DownloadException(Reason.CUT, url + " could not resume the download", null));
        }
        if (status == 429 || status >= 500) {
            return new RetryableFailure(
                    new DownloadException(Reason.REFUSED, url + " answered " + status + " (busy or failing)", null));
        }
        throw new DownloadException(Reason.REFUSED, url + " answered " + status, null);
    }

    private DownloadException classify(URI url, IOException e, long done, long total) {
        String where = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return new DownloadException(
                    Reason.UNREACHABLE,
                    "cannot connect to " + where + ": no answer within "
                            + limits.connectTimeout().toSeconds() + " s (no network?)",
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DownloadException(
                    Reason.STALLED,
                    url + " did not answer within " + limits.stallTimeout().toSeconds() + " s",
                    e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnresolvedAddressException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new DownloadException(
                        Reason.UNREACHABLE,
                        "cannot connect to " + where + " (no network, or nothing answers there)",
                        e);
            }
            if (t instanceof SSLException) {
                return new DownloadException(
                        Reason.REFUSED, "the secure connection to " + where + " failed (" + t.getMessage() + ")", e);
            }
        }
        return BodyCopy.cut(url, done, total, e);
    }

    /** Sends a request and waits for the headers, checking the token while it waits. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, CancellationToken token)
            throws IOException {
        CompletableFuture<HttpResponse<T>> future = client().sendAsync(request, handler);
        while (true) {
            try {
                return future.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (token.isCancelled()) {
                    future.cancel(true);
                    throw new CancelledException();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(limits.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL);
            ProxySelector proxies = ProxySelector.getDefault();
            if (proxies != null) {
                b.proxy(proxies); // -Dhttps.proxyHost and friends
            }
            client = b.build();
        }
        return client;
    }

    private void pause(CancellationToken token) {
        long end = System.nanoTime() + limits.retryPause().toNanos();
        while (System.nanoTime() < end) {
            token.throwIfCancelled();
            try {
                Thread.sleep(Math.min(POLL_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}", file, e);
        }
    }
}

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * {@code http} only from this computer itself (tests, a local mirror); the rule holds for every
 * redirect hop.
 *
 * <p>A server is not trusted with sizes: no more than the caller's expected size (or, without one, the
 * size the server declared) is ever written; a resumed answer's {@code Content-Range} must start where
 * the part ends, end where the file ends and agree with its length; numbers too long for a {@code long}
 * are refused; a text file ({@link #lines}) is read up to {@link #MAX_TEXT_BYTES}.
 *
 * <p>{@link #fetch} writes into a {@code .part} file and resumes it with an HTTP Range request after a
 * dropped connection (a bounded number of times), reports progress after every chunk, and stops at the
 * job's cancel between chunks. A watchdog ({@link BodyCopy}) closes a connection that is cancelled or that sends
 * nothing for {@link Limits#stallTimeout()}, so neither a cancel nor a stalled server leaves a thread waiting.
 * Checking what arrived (size, checksum) is the caller's part.
 */
public final class HttpFetcher {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final long POLL_MS = 50;
    /** At most 18 digits: every such number fits a {@code long}; a longer one is refused, never parsed. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");
    /** Redirects followed per request, each checked against {@link #checkAllowed}. */
    static final int MAX_REDIRECTS = 5;
    /** The largest text file {@link #lines} reads (an index is a few kilobytes). */
    static final int MAX_TEXT_BYTES = 1 << 20;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
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
        return checkAllowed(url, null);
    }

    /**
     * {@link #checkAllowed(URI)} for one hop of a redirect: every address on the way is checked, so an
     * allowed mirror cannot hand the download on to a plain-http host.
     */
    private static URI checkAllowed(URI url, URI redirectedFrom) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() != null && ("https".equals(scheme) || "http".equals(scheme) && isLoopback(url.getHost()))) {
            return url;
        }
        throw new DownloadException(
                Reason.NOT_ALLOWED,
                "CatDog Studio downloads only over https (plain http only "
                        + "from this computer itself, e.g. a local mirror); refused " + url
                        + (redirectedFrom == null ? "" : " (a redirect from " + redirectedFrom + ")"),
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
        return declaredLength(url, r);
    }

    /**
     * The Content-Length header as a number; a value that is not a plain number of at most 18 digits is
     * refused (a longer one would not fit a {@code long}).
     */
    private static long declaredLength(URI url, HttpResponse<?> r) {
        List<String> values = r.headers().allValues("Content-Length");
        if (values.isEmpty()) {
            return -1;
        }
        String v = values.get(0).trim();
        if (values.stream().anyMatch(x -> !x.trim().equals(v))
                || !LENGTH.matcher(v).matches()) {
            BodyCopy.close(r.body() instanceof AutoCloseable c ? c : null);
            throw new DownloadException(
                    Reason.REFUSED, url + " sent an unusable Content-Length header ('" + clip(values) + "')", null);
        }
        return Long.parseLong(v);
    }

    private static String clip(Object text) {
        String t = String.valueOf(text);
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
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
        HttpResponse<InputStream> r = sendOnce(
                HttpRequest.newBuilder(url).timeout(limits.stallTimeout()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                token);
        try (InputStream body = r.body()) {
            requireOk(url, r.statusCode());
            byte[] bytes = body.readNBytes(MAX_TEXT_BYTES + 1);
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new DownloadException(
                        Reason.WRONG_FILE,
                        url + " is larger than " + MAX_TEXT_BYTES / (1 << 20) + " MB, far more than an index; "
                                + "it was not read",
                        null);
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw classify(url, e, 0, -1);
        }
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
            DownloadException failure = classify(url, e, have, expectedBytes);
            if (isBadNumber(e)) {
                throw failure; // the same answer again would not help
            }
            throw new RetryableFailure(failure);
        }
        connected[0] = true;
        int status = response.statusCode();
        long length = status == 200 || status == 206 ? declaredLength(url, response) : -1;
        long start;
        long total;
        if (status == 206 && have > 0) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range);
            if (!m.matches()) {
                throw refuseRange(url, response, part, "an unusable Content-Range ('" + clip(range) + "')");
            }
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long size = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
            if (first != have) {
                BodyCopy.close(response.body());
                delete(part);
                throw new RetryableFailure(
                        new DownloadException(Reason.CUT, url + " resumed at the wrong place", null));
            }
            // The request asked for everything from `have` on: the range must end where the file ends, and
            // agree with its own length, so no more than the file's size is ever written.
            if (last < first || size >= 0 && last != size - 1) {
                throw refuseRange(
                        url, response, part, "a Content-Range ('" + clip(range) + "') that does not end with the file");
            }
            if (length >= 0 && length != last - first + 1) {
                throw refuseRange(
                        url,
                        response,
                        part,
                        "a Content-Range ('" + clip(range) + "') that disagrees with its Content-Length (" + length
                                + ")");
            }
            start = have;
            total = size >= 0 ? size : last + 1;
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
        // Never more than the caller expects (a pinned size) or the server declared.
        long limit = expectedBytes >= 0 ? expectedBytes : total;
        return BodyCopy.copy(
                url,
                response.body(),
                part,
                start,
                total >= 0 ? total : expectedBytes,
                new SizeLimit(limit, expectedBytes >= 0 ? "expected" : "declared"),
                sink,
                token,
                limits.stallTimeout());
    }

    private static DownloadException refuseRange(URI url, HttpResponse<InputStream> response, Path part, String what) {
        BodyCopy.close(response.body());
        delete(part);
        return new DownloadException(
                Reason.WRONG_FILE,
                url + " answered the resumed download with " + what + "; the partial file was deleted",
                null);
    }

    /** Whether a failure comes from a number in the headers that no {@code long} holds. */
    private static boolean isBadNumber(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NumberFormatException) {
                return true;
            }
        }
        return false;
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
        if (isBadNumber(e)) {
            return new DownloadException(
                    Reason.REFUSED,
                    url + " sent a number no file size can have in its headers (Content-Length or Content-Range)",
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

    /**
     * Sends a request and waits for the headers, checking the token while it waits. Redirects are
     * followed here, not by the HTTP client, so that every hop is checked against {@link #checkAllowed}.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, CancellationToken token)
            throws IOException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<T> response = sendOne(current, handler, token);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(status) || location.isEmpty()) {
                return response;
            }
            BodyCopy.close(response.body() instanceof AutoCloseable c ? c : null);
            if (hop >= MAX_REDIRECTS) {
                throw new DownloadException(
                        Reason.REFUSED,
                        request.uri() + " redirected more than " + MAX_REDIRECTS + " times; the download was stopped",
                        null);
            }
            URI next;
            try {
                next = current.uri().resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new DownloadException(
                        Reason.REFUSED,
                        current.uri() + " redirected to an unusable address ('" + clip(location.get()) + "')",
                        e);
            }
            checkAllowed(next, current.uri());
            log.info("{} redirects to {}", current.uri(), next);
            current = HttpRequest.newBuilder(current, (name, value) -> true)
                    .uri(next)
                    .build();
        }
    }

    private <T> HttpResponse<T> sendOne(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, CancellationToken token) throws IOException {
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
                    .followRedirects(HttpClient.Redirect.NEVER); // send() follows them, checking each hop
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

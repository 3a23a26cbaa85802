package studio.catdog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import studio.catdog.core.backbone.LibraryPin;

/**
 * A stand-in for DJL's libtorch server on the loopback address: {@code /pytorch/2.7.1/files.txt}
 * lists gzipped files for the cu128 linux-x86_64 build (plus other flavours and platforms that must
 * be left alone), and each file is served, with HEAD answering its length.
 */
public final class FakeLibtorchServer implements AutoCloseable {

    /** The folder of the 2.7.1 files on the server. */
    public static final String DIR = "/pytorch/2.7.1/";
    /** The index path. */
    public static final String INDEX = DIR + "files.txt";
    /** Where the cu128 linux-x86_64 files are. */
    public static final String LIBRARY_DIR = DIR + "cu128/linux-x86_64/native/lib/";

    private final HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> library = new LinkedHashMap<>();
    private final List<LibraryPin> pins = new ArrayList<>();

    /**
     * Starts the server with a libtorch (a 600 kB random main library, so progress spans many chunks,
     * and two small ones).
     *
     * @throws IOException when it cannot listen
     */
    public FakeLibtorchServer() throws IOException {
        byte[] big = new byte[600_000];
        new Random(7).nextBytes(big);
        library.put(System.mapLibraryName("torch"), big);
        library.put(System.mapLibraryName("c10"), "c10 library".getBytes(StandardCharsets.UTF_8));
        library.put("libcudart-abc.so.12", "cuda runtime".getBytes(StandardCharsets.UTF_8));
        StringBuilder index = new StringBuilder();
        for (Map.Entry<String, byte[]> e : library.entrySet()) {
            String path = "cu128/linux-x86_64/native/lib/" + e.getKey() + ".gz";
            byte[] gz = gzip(e.getValue());
            served.put(DIR + path, gz);
            pins.add(new LibraryPin("2.7.1", path, gz.length, sha256(gz), e.getValue().length));
            index.append(path).append('\n');
        }
        index.append("cpu/linux-x86_64/native/lib/")
                .append(System.mapLibraryName("torch"))
                .append(".gz\n");
        index.append("cu128/win-x86_64/native/lib/torch.dll.gz\n");
        served.put(INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** @return the base URL to give the download ({@code http://127.0.0.1:port/pytorch}) */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/pytorch");
    }

    /** @return the library files, unpacked, by name */
    public Map<String, byte[]> library() {
        return Collections.unmodifiableMap(library);
    }

    /** @return the pins of the cu128 linux-x86_64 files as first served (computed from the bytes) */
    public List<LibraryPin> pins() {
        return List.copyOf(pins);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what is served, by path; change it to make the server misbehave */
    public Map<String, byte[]> served() {
        return served;
    }

    /** @return the requests seen, as "METHOD path" */
    public List<String> requested() {
        return requested;
    }

    /** @return the bytes of the cu128 linux-x86_64 files as sent (compressed) */
    public long libraryBytes() {
        return served.entrySet().stream()
                .filter(e -> e.getKey().startsWith(LIBRARY_DIR))
                .mapToLong(e -> e.getValue().length)
                .sum();
    }

    /**
     * Gzips bytes.
     *
     * @param data the bytes
     * @return gzip format
     */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requested.add(exchange.getRequestMethod() + " " + path);
        byte[] body = served.get(path);
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        server.stop(0);
    }
}

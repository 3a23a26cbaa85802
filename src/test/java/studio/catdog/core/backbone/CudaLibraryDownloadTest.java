package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;

/** The consented CUDA libtorch download, against a real HTTP server on the loopback address. */
class CudaLibraryDownloadTest {

    private static final String LIB = System.mapLibraryName("torch");
    private static final String C10 = System.mapLibraryName("c10");

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> plain = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        Random random = new Random(7);
        byte[] big = new byte[600_000]; // several chunks, so progress and cancel are seen mid-file
        random.nextBytes(big);
        plain.put(LIB, big);
        plain.put(C10, "c10 library".getBytes(StandardCharsets.UTF_8));
        plain.put("libcudart-abc.so.12", "cuda runtime".getBytes(StandardCharsets.UTF_8));
        String dir = "/pytorch/2.7.1/";
        StringBuilder index = new StringBuilder();
        for (Map.Entry<String, byte[]> e : plain.entrySet()) {
            String path = "cu128/linux-x86_64/native/lib/" + e.getKey() + ".gz";
            served.put(dir + path, gzip(e.getValue()));
            index.append(path).append('\n');
        }
        // Other flavours and platforms share the index and must be left alone.
        index.append("cpu/linux-x86_64/native/lib/").append(LIB).append(".gz\n");
        index.append("cu128/win-x86_64/native/lib/torch.dll.gz\n");
        served.put(dir + "files.txt", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
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

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private CudaLibraryDownload download() {
        URI base = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/pytorch");
        return new CudaLibraryDownload(base, cache, "linux-x86_64", false);
    }

    private long servedLibraryBytes() {
        return served.entrySet().stream().filter(e -> e.getKey().contains("/cu128/linux-x86_64/"))
                .mapToLong(e -> e.getValue().length).sum();
    }

    private List<String> cacheEntries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).toList();
        }
    }

    @Test
    void downloadsTheFlavourForThisPlatformIntoDjlsLayoutWithProgressAndThePlanThenFindsIt() throws IOException {
        Engines.Machine machine = new Engines.Machine(1, "linux-x86_64", Map.of(), cache, false);
        assertThat(Engines.plan(machine, DeviceChoice.AUTO, false).downloadOffered()).isTrue();
        List<long[]> events = new ArrayList<>();

        Path dir = download().download((done, total) -> events.add(new long[] {done, total}), new CancellationToken());

        assertThat(dir).isEqualTo(cache.resolve("2.7.1-cu128-linux-x86_64"));
        for (Map.Entry<String, byte[]> e : plain.entrySet()) {
            assertThat(Files.readAllBytes(dir.resolve(e.getKey()))).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(plain.size());
        }
        assertThat(cacheEntries()).containsExactly("2.7.1-cu128-linux-x86_64");
        assertThat(requested).noneMatch(r -> r.contains("/cpu/") || r.contains("win-x86_64"));

        long total = servedLibraryBytes();
        assertThat(events).hasSizeGreaterThan(3);
        assertThat(events).allSatisfy(e -> assertThat(e[1]).isEqualTo(total));
        assertThat(events.get(0)[0]).isZero();
        assertThat(events.get(events.size() - 1)[0]).isEqualTo(total);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)[0]).isGreaterThanOrEqualTo(events.get(i - 1)[0]);
        }

        Engines.Plan plan = Engines.plan(machine, DeviceChoice.AUTO, false);
        assertThat(plan.source()).isEqualTo(Engines.LibrarySource.CACHED_CUDA);
        assertThat(plan.libraryPath()).isEqualTo(dir);
        assertThat(Engines.status(machine, DeviceChoice.AUTO, null, 2).cudaLibraryCached()).isTrue();

        requested.clear();
        assertThat(download().download(null, new CancellationToken())).isEqualTo(dir);
        assertThat(requested).as("a present library is not fetched again").isEmpty();
    }

    @Test
    void cancellingMidFileLeavesNothing() throws IOException {
        CancellationToken token = new CancellationToken();
        assertThatThrownBy(() -> download().download((done, total) -> {
            if (done > 100_000) {
                token.cancel();
            }
        }, token)).isInstanceOf(CancelledException.class);
        assertThat(cacheEntries()).isEmpty();
        assertThat(Engines.plan(new Engines.Machine(1, "linux-x86_64", Map.of(), cache, false), DeviceChoice.AUTO, false)
                .source()).isEqualTo(Engines.LibrarySource.BUNDLED_CPU);
    }

    @Test
    void aMissingFileFailsPlainlyAndLeavesNothing() throws IOException {
        served.remove("/pytorch/2.7.1/cu128/linux-x86_64/native/lib/" + C10 + ".gz");
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("could not be downloaded").hasMessageContaining("404")
                .hasMessageContaining("stays on the CPU");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aMissingIndexOrAnIndexWithoutThisPlatformFailsPlainly() throws IOException {
        byte[] index = served.remove("/pytorch/2.7.1/files.txt");
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("404").hasMessageContaining("files.txt");
        served.put("/pytorch/2.7.1/files.txt", new String(index, StandardCharsets.UTF_8)
                .replace("cu128/linux", "cu126/linux").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("lists no cu128 libtorch for linux-x86_64");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aCorruptFileFailsAndLeavesNothing() throws IOException {
        byte[] gz = served.get("/pytorch/2.7.1/cu128/linux-x86_64/native/lib/" + LIB + ".gz");
        byte[] broken = gz.clone();
        broken[broken.length - 6] ^= 0x55; // inside the CRC-32 trailer
        served.put("/pytorch/2.7.1/cu128/linux-x86_64/native/lib/" + LIB + ".gz", broken);
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class).hasMessageContaining("could not be downloaded");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void anIndexEntryThatWouldLeaveTheFolderIsRefused() throws IOException {
        String evil = "cu128/linux-x86_64/native/lib/..%2F..%2Fevil.so.gz";
        served.put("/pytorch/2.7.1/" + evil, gzip(new byte[] {1}));
        served.put("/pytorch/2.7.1/files.txt", (new String(served.get("/pytorch/2.7.1/files.txt"),
                StandardCharsets.UTF_8) + evil + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("unusable entry");
        assertThat(cacheEntries()).isEmpty();
        assertThat(cache.resolveSibling("evil.so")).doesNotExist();
    }

    @Test
    void offlineItRefusesWithoutTouchingTheNetwork() {
        URI base = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/pytorch");
        assertThatThrownBy(() -> new CudaLibraryDownload(base, cache, "linux-x86_64", true)
                .download(null, new CancellationToken())).hasMessageContaining("offline");
        assertThat(requested).isEmpty();
    }

    @Test
    void anUnreachableServerFailsPlainly() throws IOException {
        server.stop(0);
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class).hasMessageContaining("could not be downloaded");
        assertThat(cacheEntries()).isEmpty();
    }
}

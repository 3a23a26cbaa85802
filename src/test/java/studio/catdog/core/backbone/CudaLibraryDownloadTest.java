package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.testing.FakeLibtorchServer;

/** The consented CUDA libtorch download, against a real HTTP server on the loopback address. */
class CudaLibraryDownloadTest {

    private static final String LIB = System.mapLibraryName("torch");

    @TempDir
    Path cache;

    private FakeLibtorchServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeLibtorchServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CudaLibraryDownload download() {
        return new CudaLibraryDownload(
                server.baseUrl(), cache, "linux-x86_64", false, new HttpFetcher(), server.pins());
    }

    private MachineFacts gpuMachine() {
        return new MachineFacts(1, "linux-x86_64", Map.of(), cache, false);
    }

    private List<String> cacheEntries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock"))
                    .toList();
        }
    }

    @Test
    void downloadsTheFlavourForThisPlatformIntoDjlsLayoutWithProgressAndThePlanThenFindsIt() throws IOException {
        assertThat(Engines.plan(gpuMachine(), DeviceChoice.AUTO, false).downloadOffered())
                .isTrue();
        List<long[]> events = new ArrayList<>();

        Path dir = download().download((done, total) -> events.add(new long[] {done, total}), new CancellationToken());

        assertThat(dir).isEqualTo(cache.resolve("2.7.1-cu128-linux-x86_64"));
        for (Map.Entry<String, byte[]> e : server.library().entrySet()) {
            assertThat(Files.readAllBytes(dir.resolve(e.getKey()))).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(server.library().size());
        }
        assertThat(cacheEntries()).containsExactly("2.7.1-cu128-linux-x86_64");
        assertThat(server.requested()).noneMatch(r -> r.contains("/cpu/") || r.contains("win-x86_64"));

        long total = server.libraryBytes();
        assertThat(events).hasSizeGreaterThan(3);
        assertThat(events).allSatisfy(e -> assertThat(e[1]).isEqualTo(total));
        assertThat(events.get(0)[0]).isZero();
        assertThat(events.get(events.size() - 1)[0]).isEqualTo(total);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)[0]).isGreaterThanOrEqualTo(events.get(i - 1)[0]);
        }

        DevicePlan plan = Engines.plan(gpuMachine(), DeviceChoice.AUTO, false);
        assertThat(plan.source()).isEqualTo(LibrarySource.CACHED_CUDA);
        assertThat(plan.libraryPath()).isEqualTo(dir);
        assertThat(Engines.status(gpuMachine(), DeviceChoice.AUTO, null, 2).cudaLibraryCached())
                .isTrue();

        server.requested().clear();
        assertThat(download().isPresent()).isTrue();
        assertThat(download().download(null, new CancellationToken())).isEqualTo(dir);
        assertThat(server.requested())
                .as("a present library is not fetched again")
                .isEmpty();
    }

    @Test
    void cancellingMidFileLeavesNothing() throws IOException {
        CancellationToken token = new CancellationToken();
        assertThatThrownBy(() -> download()
                        .download(
                                (done, total) -> {
                                    if (done > 100_000) {
                                        token.cancel();
                                    }
                                },
                                token))
                .isInstanceOf(CancelledException.class);
        assertThat(cacheEntries()).isEmpty();
        assertThat(Engines.plan(gpuMachine(), DeviceChoice.AUTO, false).source())
                .isEqualTo(LibrarySource.BUNDLED_CPU);
    }

    @Test
    void aMissingFileFailsPlainlyAndLeavesNothing() throws IOException {
        server.served().remove(FakeLibtorchServer.LIBRARY_DIR + System.mapLibraryName("c10") + ".gz");
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("could not be downloaded")
                .hasMessageContaining("404")
                .hasMessageContaining("stays on the CPU");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aMissingIndexOrAnIndexWithoutThisPlatformFailsPlainly() throws IOException {
        byte[] index = server.served().remove(FakeLibtorchServer.INDEX);
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("404")
                .hasMessageContaining("files.txt");
        server.served()
                .put(
                        FakeLibtorchServer.INDEX,
                        new String(index, StandardCharsets.UTF_8)
                                .replace("cu128/linux", "cu126/linux")
                                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("lists no cu128 libtorch for linux-x86_64");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aCorruptFileFailsAndLeavesNothing() throws IOException {
        byte[] broken = server.served()
                .get(FakeLibtorchServer.LIBRARY_DIR + LIB + ".gz")
                .clone();
        broken[broken.length - 6] ^= 0x55; // inside the CRC-32 trailer
        server.served().put(FakeLibtorchServer.LIBRARY_DIR + LIB + ".gz", broken);
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("could not be downloaded");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void anIndexEntryThatWouldLeaveTheFolderIsRefused() throws IOException {
        String evil = "cu128/linux-x86_64/native/lib/..%2F..%2Fevil.so.gz";
        server.served().put(FakeLibtorchServer.DIR + evil, FakeLibtorchServer.gzip(new byte[] {1}));
        server.served()
                .put(
                        FakeLibtorchServer.INDEX,
                        (new String(server.served().get(FakeLibtorchServer.INDEX), StandardCharsets.UTF_8) + evil
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining("unusable entry");
        assertThat(cacheEntries()).isEmpty();
        assertThat(cache.resolveSibling("evil.so")).doesNotExist();
    }

    @Test
    void aLeftoverOfAnInterruptedDownloadIsClearedAndAnEmptyFinalFolderReplaced() throws IOException {
        Files.createDirectories(cache.resolve(".2.7.1-cu128-linux-x86_64.download"));
        Files.writeString(cache.resolve(".2.7.1-cu128-linux-x86_64.download/half.so"), "half");
        Files.createDirectories(cache.resolve("2.7.1-cu128-linux-x86_64"));
        Path dir = download().download(null, new CancellationToken());
        assertThat(dir.resolve(LIB)).exists();
        assertThat(cacheEntries()).containsExactly("2.7.1-cu128-linux-x86_64");
    }

    @Test
    void offlineItRefusesWithoutTouchingTheNetwork() {
        assertThatThrownBy(() -> new CudaLibraryDownload(
                                server.baseUrl(), cache, "linux-x86_64", true, new HttpFetcher(), server.pins())
                        .download(null, new CancellationToken()))
                .hasMessageContaining("offline");
        assertThat(server.requested()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsPlainly() throws IOException {
        server.close();
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("could not be downloaded");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aFileTheServerSwappedIsRefusedByItsPinnedSha256() throws IOException {
        String path = FakeLibtorchServer.LIBRARY_DIR + System.mapLibraryName("c10") + ".gz";
        byte[] other = server.served().get(path).clone();
        other[12] ^= 0x01; // same size, another file (inside the gzip header's name-free part)
        server.served().put(path, other);
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("is not the pinned file")
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("stays on the CPU");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aFileLargerThanItsPinIsNeverWrittenInFull() throws IOException {
        String path = FakeLibtorchServer.LIBRARY_DIR + LIB + ".gz";
        byte[] big = new byte[5_000_000];
        new Random(3).nextBytes(big);
        server.served().put(path, FakeLibtorchServer.gzip(big));
        long pinned = server.pins().stream()
                .filter(p -> p.entry().endsWith(LIB + ".gz"))
                .findFirst()
                .orElseThrow()
                .gzBytes();
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> download().download((done, total) -> seen.add(done), new CancellationToken()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("could not be downloaded");
        assertThat(seen)
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(server.libraryBytes() - 5_000_000L + pinned));
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aFileThatUnpacksToMoreThanItsPinIsRefused() throws IOException {
        List<LibraryPin> tight = server.pins().stream()
                .map(p -> p.entry().endsWith(LIB + ".gz")
                        ? new LibraryPin(p.version(), p.entry(), p.gzBytes(), p.gzSha256(), 1000)
                        : p)
                .toList();
        assertThatThrownBy(() -> new CudaLibraryDownload(
                                server.baseUrl(), cache, "linux-x86_64", false, new HttpFetcher(), tight)
                        .download(null, new CancellationToken()))
                .hasMessageContaining("unpacks to more than its pinned 1,000 bytes");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aListedFileWithoutAPinIsNeverDownloaded() throws IOException {
        String extra = "cu128/linux-x86_64/native/lib/libextra.so.gz";
        server.served().put(FakeLibtorchServer.DIR + extra, FakeLibtorchServer.gzip(new byte[] {1}));
        server.served()
                .put(
                        FakeLibtorchServer.INDEX,
                        (new String(server.served().get(FakeLibtorchServer.INDEX), StandardCharsets.UTF_8) + extra
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> download().download(null, new CancellationToken()))
                .hasMessageContaining(extra)
                .hasMessageContaining("not one of the files pinned");
        assertThat(server.requested()).noneMatch(r -> r.startsWith("GET") && r.contains("/native/"));
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void withoutPinsForThisBuildNothingIsDownloadedAndTheMessageSaysWhatToDo() throws IOException {
        assertThatThrownBy(() -> new CudaLibraryDownload(
                                server.baseUrl(), cache, "linux-x86_64", false, new HttpFetcher(), List.of())
                        .download(null, new CancellationToken()))
                .hasMessageContaining("no pinned checksums")
                .hasMessageContaining("PYTORCH_LIBRARY_PATH");
        assertThat(server.requested()).noneMatch(r -> r.contains("/native/"));
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void theShippedPinListParses() throws IOException {
        // The list ships empty until pins are taken from DJL's server (see the file's header).
        assertThat(LibraryPin.shipped(LibtorchBuild.LIBTORCH_VERSION))
                .allSatisfy(p -> assertThat(p.entry()).endsWith(".gz"));
        assertThat(LibraryPin.parse(
                        new ByteArrayInputStream(("# comment\n\n2.7.1 cu128/linux-x86_64/native/lib/a.so.gz 10 "
                                        + "0".repeat(64) + " 20\n2.6.0 x.gz 1 " + "1".repeat(64) + " 2\n")
                                .getBytes(StandardCharsets.UTF_8)),
                        "2.7.1"))
                .containsExactly(
                        new LibraryPin("2.7.1", "cu128/linux-x86_64/native/lib/a.so.gz", 10, "0".repeat(64), 20));
    }
}

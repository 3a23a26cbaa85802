package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.CudaLibraryDownload;
import studio.catdog.core.backbone.DeviceChoice;
import studio.catdog.core.backbone.DevicePlan;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.LibrarySource;
import studio.catdog.core.backbone.MachineFacts;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.testing.FakeLibtorchServer;

/** {@code --device gpu} on a GPU machine without the CUDA libtorch: the download it consents to. */
class DeviceOptionsTest {

    @TempDir
    Path cache;

    private MachineFacts gpuMachine() {
        return new MachineFacts(1, "linux-x86_64", Map.of(), cache, false);
    }

    @Test
    void gpuDownloadsWithConsoleProgressThenThePlanUsesTheCachedLibrary() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        DevicePlan plan = Engines.plan(gpuMachine(), DeviceChoice.GPU, true);
        assertThat(plan.source()).isEqualTo(LibrarySource.DOWNLOAD_CUDA);
        try (FakeLibtorchServer server = new FakeLibtorchServer()) {
            DeviceOptions.downloadIfPlanned(
                    plan,
                    () -> new CudaLibraryDownload(
                            server.baseUrl(), cache, "linux-x86_64", false, new HttpFetcher(), server.pins()),
                    progress);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--device gpu: downloading the CUDA libtorch")
                .contains("Downloading CUDA libtorch")
                .contains("CUDA libtorch ready in " + plan.libraryPath());
        assertThat(Engines.plan(gpuMachine(), DeviceChoice.GPU, false).source()).isEqualTo(LibrarySource.CACHED_CUDA);
    }

    @Test
    void aFailedDownloadFailsTheCommandNamingTheCpuChoices() throws IOException {
        ConsoleProgress progress =
                new ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        DevicePlan plan = Engines.plan(gpuMachine(), DeviceChoice.GPU, true);
        try (FakeLibtorchServer server = new FakeLibtorchServer()) {
            server.served().remove(FakeLibtorchServer.INDEX);
            assertThatThrownBy(() -> DeviceOptions.downloadIfPlanned(
                            plan,
                            () -> new CudaLibraryDownload(
                                    server.baseUrl(), cache, "linux-x86_64", false, new HttpFetcher(), server.pins()),
                            progress))
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("404")
                    .hasMessageContaining("--device cpu");
        }
        assertThat(Engines.plan(gpuMachine(), DeviceChoice.AUTO, false).source())
                .isEqualTo(LibrarySource.BUNDLED_CPU);
    }

    @Test
    void autoAndCpuNeverDownload() {
        for (DeviceChoice choice : new DeviceChoice[] {DeviceChoice.AUTO, DeviceChoice.CPU}) {
            DevicePlan plan = Engines.plan(gpuMachine(), choice, true);
            DeviceOptions.downloadIfPlanned(
                    plan,
                    () -> {
                        throw new AssertionError("no download for " + choice);
                    },
                    new ConsoleProgress(
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        }
    }
}

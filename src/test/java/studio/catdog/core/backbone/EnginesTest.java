package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;

class EnginesTest {

    @TempDir
    Path cache;

    @Test
    void withoutAGpuTheBundledCpuLibraryIsUsed() {
        assertThat(Engines.plan(0, Map.of(), cache, false).source()).isEqualTo(Engines.LibrarySource.BUNDLED_CPU);
    }

    @Test
    void aUserLibraryPathAlwaysWins() {
        Engines.Plan plan = Engines.plan(1, Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), cache, true);
        assertThat(plan.source()).isEqualTo(Engines.LibrarySource.USER_LIBRARY_PATH);
        assertThat(plan.libraryPath()).isEqualTo(Path.of("/opt/libtorch/lib"));
    }

    @Test
    void withAGpuACachedCudaLibraryIsPreferredOverTheBundledCpuOne() throws IOException {
        Path dir = Files.createDirectories(cache.resolve("2.7.1-cu128-linux-x86_64"));
        Files.writeString(dir.resolve(System.mapLibraryName("torch")), "");
        Engines.Plan plan = Engines.plan(2, Map.of(), cache, true);
        assertThat(plan.source()).isEqualTo(Engines.LibrarySource.CACHED_CUDA);
        assertThat(plan.libraryPath()).isEqualTo(dir);
    }

    @Test
    void withAGpuOnlineTheCudaLibraryIsDownloadedAndOfflineTheCpuIsUsed() {
        assertThat(Engines.plan(1, Map.of(), cache, false).source()).isEqualTo(Engines.LibrarySource.DOWNLOAD_CUDA);
        Engines.Plan offline = Engines.plan(1, Map.of(), cache, true);
        assertThat(offline.source()).isEqualTo(Engines.LibrarySource.BUNDLED_CPU);
        assertThat(offline.reason()).contains("not cached");
        assertThat(Engines.plan(1, Map.of("PYTORCH_FLAVOR", "cpu"), cache, false).source())
                .isEqualTo(Engines.LibrarySource.BUNDLED_CPU);
    }

    @Test
    void theFirstGpuIsUsedWhenTheEngineReportsOne() {
        assertThat(Engines.chooseDevice(0)).isEqualTo(Device.cpu());
        assertThat(Engines.chooseDevice(4)).isEqualTo(Device.gpu(0));
    }

    @Test
    void backboneChoicesAreParsedAndUnknownOnesExplained() throws IOException {
        assertThat(BackboneSpec.parse("resnet50").kind()).isEqualTo(BackboneSpec.Kind.RESNET50);
        assertThat(BackboneSpec.parse("  ").kind()).isEqualTo(BackboneSpec.Kind.RESNET50);
        Path onnx = Files.writeString(cache.resolve("m.onnx"), "");
        Path pt = Files.writeString(cache.resolve("m.pt"), "");
        assertThat(BackboneSpec.parse(onnx.toString()).kind()).isEqualTo(BackboneSpec.Kind.ONNX_FILE);
        assertThat(BackboneSpec.parse(pt.toString()).kind()).isEqualTo(BackboneSpec.Kind.TORCHSCRIPT_FILE);
        assertThatThrownBy(() -> BackboneSpec.parse("vgg16")).isInstanceOf(CatdogException.class)
                .hasMessageContaining("resnet50").hasMessageContaining(".onnx");
        assertThatThrownBy(() -> BackboneSpec.parse(cache.resolve("none.onnx").toString()))
                .hasMessageContaining("does not exist");
    }
}

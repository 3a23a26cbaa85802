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

    private MachineFacts machine(int gpus, Map<String, String> env, boolean offline) {
        return new MachineFacts(gpus, "linux-x86_64", env, cache, offline);
    }

    private Path cachedCudaLibrary() throws IOException {
        Path dir = Files.createDirectories(cache.resolve("2.7.1-cu128-linux-x86_64"));
        Files.writeString(dir.resolve(System.mapLibraryName("torch")), "");
        return dir;
    }

    @Test
    void withoutAGpuAutoUsesTheBundledCpuLibraryAndOffersNothing() {
        for (boolean offline : new boolean[] {false, true}) {
            DevicePlan plan = Engines.plan(machine(0, Map.of(), offline), DeviceChoice.AUTO, true);
            assertThat(plan.source()).isEqualTo(LibrarySource.BUNDLED_CPU);
            assertThat(plan.downloadOffered()).isFalse();
            assertThat(plan.reason()).contains("no NVIDIA GPU");
        }
    }

    @Test
    void aUserLibraryPathAlwaysWins() {
        for (DeviceChoice choice : DeviceChoice.values()) {
            DevicePlan plan =
                    Engines.plan(machine(1, Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), true), choice, false);
            assertThat(plan.source()).isEqualTo(LibrarySource.USER_LIBRARY_PATH);
            assertThat(plan.libraryPath()).isEqualTo(Path.of("/opt/libtorch/lib"));
        }
    }

    @Test
    void withAGpuACachedCudaLibraryIsPreferredOverTheBundledCpuOne() throws IOException {
        Path dir = cachedCudaLibrary();
        for (DeviceChoice choice : new DeviceChoice[] {DeviceChoice.AUTO, DeviceChoice.GPU}) {
            DevicePlan plan = Engines.plan(machine(2, Map.of(), true), choice, false);
            assertThat(plan.source()).isEqualTo(LibrarySource.CACHED_CUDA);
            assertThat(plan.libraryPath()).isEqualTo(dir);
        }
        assertThat(Engines.plan(machine(2, Map.of(), true), DeviceChoice.CPU, false)
                        .source())
                .isEqualTo(LibrarySource.BUNDLED_CPU);
    }

    @Test
    void autoNeverDownloadsItSaysWhatTheGpuWouldTake() {
        DevicePlan plan = Engines.plan(machine(1, Map.of(), false), DeviceChoice.AUTO, true);
        assertThat(plan.source()).isEqualTo(LibrarySource.BUNDLED_CPU);
        assertThat(plan.downloadOffered()).isTrue();
        assertThat(plan.reason())
                .contains("NVIDIA GPU found")
                .contains("using the CPU")
                .contains("about " + LibtorchBuild.CUDA_DOWNLOAD_GB + " GB")
                .contains("not downloaded")
                .contains("--device gpu")
                .contains("Use the GPU");

        DevicePlan offline = Engines.plan(machine(1, Map.of(), true), DeviceChoice.AUTO, true);
        assertThat(offline.source()).isEqualTo(LibrarySource.BUNDLED_CPU);
        assertThat(offline.downloadOffered()).isFalse();
        assertThat(offline.reason()).contains("offline");
    }

    @Test
    void theGpuIsDownloadedOnlyWhenAskedForAndConsented() {
        DevicePlan plan = Engines.plan(machine(1, Map.of(), false), DeviceChoice.GPU, true);
        assertThat(plan.source()).isEqualTo(LibrarySource.DOWNLOAD_CUDA);
        assertThat(plan.libraryPath()).isEqualTo(cache.resolve("2.7.1-cu128-linux-x86_64"));

        assertThatThrownBy(() -> Engines.plan(machine(1, Map.of(), false), DeviceChoice.GPU, false))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("not downloaded");
        assertThatThrownBy(() -> Engines.plan(machine(1, Map.of(), true), DeviceChoice.GPU, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("offline");
        assertThatThrownBy(() -> Engines.plan(machine(0, Map.of(), false), DeviceChoice.GPU, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("no NVIDIA GPU");
        assertThatThrownBy(
                        () -> Engines.plan(new MachineFacts(1, null, Map.of(), cache, false), DeviceChoice.GPU, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("no CUDA libtorch for this system");
    }

    @Test
    void theCpuChoiceAndACpuFlavourNeverUseTheGpu() {
        DevicePlan cpu = Engines.plan(machine(1, Map.of(), false), DeviceChoice.CPU, true);
        assertThat(cpu.source()).isEqualTo(LibrarySource.BUNDLED_CPU);
        assertThat(cpu.downloadOffered()).isFalse();
        assertThat(Engines.plan(machine(1, Map.of("PYTORCH_FLAVOR", "cpu"), false), DeviceChoice.AUTO, true)
                        .source())
                .isEqualTo(LibrarySource.BUNDLED_CPU);
        assertThatThrownBy(
                        () -> Engines.plan(machine(1, Map.of("PYTORCH_FLAVOR", "cpu"), false), DeviceChoice.GPU, true))
                .hasMessageContaining("PYTORCH_FLAVOR=cpu");
        DevicePlan otherCuda =
                Engines.plan(machine(1, Map.of("PYTORCH_FLAVOR", "cu118"), false), DeviceChoice.AUTO, true);
        assertThat(otherCuda.source()).isEqualTo(LibrarySource.BUNDLED_CPU);
        assertThat(otherCuda.downloadOffered()).isFalse();
    }

    @Test
    void cudaBuildsExistOnlyForLinuxAndWindowsOnX64() {
        assertThat(Engines.cudaClassifier("Linux", "amd64")).isEqualTo("linux-x86_64");
        assertThat(Engines.cudaClassifier("Windows 11", "amd64")).isEqualTo("win-x86_64");
        assertThat(Engines.cudaClassifier("Linux", "aarch64")).isNull();
        assertThat(Engines.cudaClassifier("Mac OS X", "aarch64")).isNull();
    }

    @Test
    void theStatusBeforeTheEngineStartsDescribesThePlanAndWhatTheGpuWouldTake() throws IOException {
        DeviceStatus none = Engines.status(machine(0, Map.of(), false), DeviceChoice.AUTO, null, 4);
        assertThat(none.text()).isEqualTo("CPU (4 cores)");
        assertThat(none.usesGpu()).isFalse();
        assertThat(none.downloadOffered()).isFalse();
        assertThat(none.engineStarted()).isFalse();

        DeviceStatus gpu = Engines.status(machine(1, Map.of(), false), DeviceChoice.AUTO, null, 4);
        assertThat(gpu.usesGpu()).isFalse();
        assertThat(gpu.gpusFound()).isEqualTo(1);
        assertThat(gpu.cudaLibraryCached()).isFalse();
        assertThat(gpu.downloadOffered()).isTrue();
        assertThat(gpu.text())
                .startsWith("CPU (4 cores)")
                .contains("NVIDIA GPU found")
                .contains("GB");

        DeviceStatus asked = Engines.status(machine(1, Map.of(), false), DeviceChoice.GPU, null, 4);
        assertThat(asked.usesGpu()).isFalse();
        assertThat(asked.text()).contains("not downloaded");

        cachedCudaLibrary();
        DeviceStatus ready = Engines.status(machine(1, Map.of(), false), DeviceChoice.AUTO, null, 4);
        assertThat(ready.usesGpu()).isTrue();
        assertThat(ready.cudaLibraryCached()).isTrue();
        assertThat(ready.downloadOffered()).isFalse();
        assertThat(ready.text()).isEqualTo("GPU 0 (CUDA)");
    }

    @Test
    void afterTheEngineStartedTheStatusIsTheActualDeviceAndAChangeNeedsARestart() throws IOException {
        MachineFacts gpuMachine = machine(1, Map.of(), false);
        EngineStart onCpu = new EngineStart(Engines.plan(gpuMachine, DeviceChoice.AUTO, false), DeviceChoice.AUTO, 0);
        DeviceStatus before = Engines.status(gpuMachine, DeviceChoice.AUTO, onCpu, 2);
        assertThat(before.engineStarted()).isTrue();
        assertThat(before.restartNeeded()).isFalse();
        assertThat(before.downloadOffered()).isTrue();

        cachedCudaLibrary(); // the user downloaded it while the engine ran on the CPU
        DeviceStatus after = Engines.status(gpuMachine, DeviceChoice.AUTO, onCpu, 2);
        assertThat(after.usesGpu()).isFalse();
        assertThat(after.restartNeeded()).isTrue();
        assertThat(after.text()).startsWith("CPU (2 cores)").contains("restart");

        EngineStart onGpu = new EngineStart(Engines.plan(gpuMachine, DeviceChoice.AUTO, false), DeviceChoice.AUTO, 1);
        assertThat(Engines.status(gpuMachine, DeviceChoice.AUTO, onGpu, 2).text())
                .isEqualTo("GPU 0 (CUDA)");
        DeviceStatus cpuNow = Engines.status(gpuMachine, DeviceChoice.CPU, onGpu, 2);
        assertThat(cpuNow.usesGpu())
                .as("the CPU can be chosen after a start on the GPU")
                .isFalse();
        assertThat(cpuNow.restartNeeded()).isFalse();
        assertThat(cpuNow.text()).startsWith("CPU (2 cores)");
        DeviceStatus gpuAfterCpu = Engines.status(gpuMachine, DeviceChoice.GPU, onCpu, 2);
        assertThat(gpuAfterCpu.usesGpu()).isFalse();
        assertThat(gpuAfterCpu.restartNeeded()).isTrue();

        EngineStart cpuChosen = new EngineStart(
                Engines.plan(machine(0, Map.of(), false), DeviceChoice.CPU, false), DeviceChoice.CPU, 0);
        assertThat(Engines.status(machine(0, Map.of(), false), DeviceChoice.AUTO, cpuChosen, 2)
                        .restartNeeded())
                .isFalse();
    }

    @Test
    void theStatusProbeStartsNoEngine() {
        boolean startedBefore = Engines.engineStarted();
        DeviceStatus status = new Engines(1).deviceStatus();
        assertThat(status.text()).isNotBlank();
        assertThat(Engines.engineStarted()).isEqualTo(startedBefore);
    }

    @Test
    void deviceChoicesAreParsed() {
        assertThat(DeviceChoice.parse(" GPU ")).isEqualTo(DeviceChoice.GPU);
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThatThrownBy(() -> DeviceChoice.parse("tpu"))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("auto, cpu or gpu");
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
        assertThatThrownBy(() -> BackboneSpec.parse("vgg16"))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("resnet50")
                .hasMessageContaining(".onnx");
        assertThatThrownBy(() -> BackboneSpec.parse(cache.resolve("none.onnx").toString()))
                .hasMessageContaining("does not exist");
    }
}

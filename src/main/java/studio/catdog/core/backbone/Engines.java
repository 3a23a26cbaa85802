package studio.catdog.core.backbone;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import studio.catdog.core.CatdogException;

/**
 * Starts DJL's PyTorch engine once per process, choosing the native library and the device.
 *
 * <p>The CPU libtorch ships inside the application (so it works offline). A CUDA libtorch is used
 * only when it is already on this machine: in DJL's engine cache (put there by
 * {@link CudaLibraryDownload}, which runs only when the user asks for it) or named by
 * {@code PYTORCH_LIBRARY_PATH}. Nothing here downloads. Engine settings are read once per process,
 * so the {@link DeviceChoice} is process-wide state, like DJL's engine itself: set it with
 * {@link #setDeviceChoice} before the first engine call (the CPU can be chosen later too; the GPU,
 * after a start on the CPU library, only by a restart). {@link #plan} is the pure decision;
 * {@link #pytorch()} applies it; {@link #deviceStatus()} describes it without starting anything.
 *
 * <p>This class is the API the rest of the code wires and calls; the work is done by
 * {@link DevicePlanner} (the pure plan and status), {@link MachineProbe} (what they depend on) and
 * {@link PytorchStartup} (the one engine start of the process and the device choice).
 */
public final class Engines {

    static {
        // DJL otherwise probes the EC2 metadata service over plain HTTP when an engine starts. The
        // only network access this app makes is an explicit download the user asked for.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private final MachineProbe probe;

    /** Uses the machine's real GPUs. */
    public Engines() {
        this(-1);
    }

    /**
     * For tests: pretends the machine has this many GPUs (-1 asks CUDA).
     *
     * @param gpuCountOverride the GPU count to assume
     */
    public Engines(int gpuCountOverride) {
        this.probe = new MachineProbe(gpuCountOverride);
    }

    /**
     * Sets where PyTorch work runs, for this process. The library is chosen when the engine starts;
     * after that the CPU can still be chosen (for models opened from then on), but the GPU needs a
     * restart when the engine started without it: {@link #deviceStatus()} then says so.
     *
     * @param newChoice the choice
     * @return true when it applies, false when only a restart can apply it
     */
    public static boolean setDeviceChoice(DeviceChoice newChoice) {
        return PytorchStartup.setChoice(newChoice);
    }

    /** @return the current device choice of this process */
    public static DeviceChoice deviceChoice() {
        return PytorchStartup.choice();
    }

    /** @return whether the PyTorch engine of this process has started */
    public static boolean engineStarted() {
        return PytorchStartup.started() != null;
    }

    /**
     * Decides where libtorch comes from. Pure, so the choice is testable without a GPU. Never plans
     * a download the user did not agree to.
     *
     * <ul>
     *   <li>{@code PYTORCH_LIBRARY_PATH} always wins (DJL reads it anyway).</li>
     *   <li>{@link DeviceChoice#CPU}: the bundled CPU library.</li>
     *   <li>{@link DeviceChoice#AUTO}: a cached CUDA library when there is a GPU, else the bundled CPU
     *       one, with a reason that says what it would take to use the GPU.</li>
     *   <li>{@link DeviceChoice#GPU}: a cached CUDA library, or {@link LibrarySource#DOWNLOAD_CUDA} when
     *       {@code downloadConsented}; otherwise it fails.</li>
     * </ul>
     *
     * @param machine the GPUs, environment and cache
     * @param deviceChoice where the user wants the work to run
     * @param downloadConsented whether the user agreed to download the CUDA libtorch (only honoured
     *     with {@link DeviceChoice#GPU})
     * @return the plan
     * @throws CatdogException when {@link DeviceChoice#GPU} cannot be honoured, saying why
     */
    public static DevicePlan plan(MachineFacts machine, DeviceChoice deviceChoice, boolean downloadConsented) {
        return DevicePlanner.plan(machine, deviceChoice, downloadConsented);
    }

    /**
     * The plan for this machine and the current process settings; starts nothing.
     *
     * @param deviceChoice where the user wants the work to run
     * @param downloadConsented whether the user agreed to download the CUDA libtorch
     * @return the plan
     * @throws CatdogException when {@link DeviceChoice#GPU} cannot be honoured
     */
    public DevicePlan plan(DeviceChoice deviceChoice, boolean downloadConsented) {
        return plan(machine(), deviceChoice, downloadConsented);
    }

    /**
     * The folder DJL looks in for a downloaded libtorch ({@code <cache>/<version>-<flavor>-<classifier>}).
     *
     * @param engineCacheDir DJL's PyTorch engine cache
     * @param flavor e.g. {@code cu128}
     * @param classifier e.g. {@code linux-x86_64}
     * @return the folder
     */
    public static Path cudaLibraryDir(Path engineCacheDir, String flavor, String classifier) {
        return DevicePlanner.cudaLibraryDir(engineCacheDir, flavor, classifier);
    }

    /**
     * DJL's platform name for which a CUDA build of libtorch is published, or null.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return {@code linux-x86_64}, {@code win-x86_64} or null
     */
    public static String cudaClassifier(String osName, String osArch) {
        return MachineProbe.cudaClassifier(osName, osArch);
    }

    /**
     * Starts the PyTorch engine (once per process), applying the plan for the current
     * {@link DeviceChoice}. It never downloads.
     *
     * @return the engine
     * @throws CatdogException when the GPU was asked for and cannot be used
     */
    public Engine pytorch() {
        return PytorchStartup.pytorch(probe);
    }

    /**
     * The device for PyTorch work: the first GPU when the engine reports one and the CPU is not
     * chosen, else the CPU. Starts the engine. (Backbone and head exchange features as Java arrays,
     * so a model opened after the choice changed may run on another device than an earlier one.)
     *
     * @return the device
     */
    public Device pytorchDevice() {
        pytorch();
        return PytorchStartup.choice() == DeviceChoice.CPU
                ? Device.cpu()
                : chooseDevice(PytorchStartup.started().engineGpus());
    }

    /**
     * The device choice itself.
     *
     * @param engineGpuCount GPUs the engine can use
     * @return {@code gpu(0)} when there is one, else {@code cpu()}
     */
    public static Device chooseDevice(int engineGpuCount) {
        return engineGpuCount > 0 ? Device.gpu(0) : Device.cpu();
    }

    /**
     * The device and what it would take to use the GPU, for the status bar. Starts no engine and
     * downloads nothing: before the engine starts it describes the plan, afterwards the device in use.
     *
     * @return the status
     */
    public DeviceStatus deviceStatus() {
        DeviceChoice c = PytorchStartup.choice();
        return status(
                machine(), c, PytorchStartup.started(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * A plain description of the device, for the UI and the command line; starts nothing.
     *
     * @return {@link DeviceStatus#text()}, e.g. "CPU (2 cores)" or "GPU 0 (CUDA)"
     */
    public String describeDevice() {
        return deviceStatus().text();
    }

    /**
     * The status, as a pure function of its inputs.
     *
     * @param machine the GPUs, environment and cache
     * @param deviceChoice the current choice
     * @param startedOrNull what the engine start decided, or null before it
     * @param threads logical CPUs, for the text
     * @return the status
     */
    static DeviceStatus status(
            MachineFacts machine, DeviceChoice deviceChoice, EngineStart startedOrNull, int threads) {
        return DevicePlanner.status(machine, deviceChoice, startedOrNull, threads);
    }

    /** @return what the plan depends on for this machine, probed without starting an engine */
    MachineFacts machine() {
        return probe.machine();
    }

    /** @return whether downloads are forbidden, by the same rule DJL itself applies before downloading */
    static boolean isOffline() {
        return MachineProbe.isOffline();
    }

    /** @return DJL's PyTorch engine cache folder (computed; nothing is created) */
    public static Path engineCacheDir() {
        return MachineProbe.engineCacheDir();
    }
}

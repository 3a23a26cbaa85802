package studio.catdog.core.backbone;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
public final class Engines {

    private static final Logger log = LoggerFactory.getLogger(Engines.class);
    /** The classpath resource by which DJL finds a bundled libtorch. */
    static final String BUNDLED_NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    /** The CUDA flavour of libtorch 2.7.1 that DJL publishes and whose JNI library {@code pytorch-jni} ships. */
    public static final String CUDA_FLAVOR = "cu128";
    /** The libtorch version this DJL release runs. */
    public static final String LIBTORCH_VERSION = "2.7.1";
    /**
     * Rough size of the CUDA libtorch download, in GB, for the text that offers it (an estimate: the
     * download itself reports the exact size once it starts).
     */
    public static final int CUDA_DOWNLOAD_GB = 3;
    /** How the user gets the CUDA libtorch, named in texts that offer it. */
    static final String HOW_TO_DOWNLOAD = "\"Use the GPU…\" in the app, or --device gpu on the command line";

    /** Where libtorch comes from. */
    public enum LibrarySource {
        /** The user named a libtorch folder with {@code PYTORCH_LIBRARY_PATH}: DJL uses it. */
        USER_LIBRARY_PATH,
        /** A CUDA libtorch already in DJL's engine cache. */
        CACHED_CUDA,
        /**
         * The user asked for the GPU and agreed to download its library: the caller runs
         * {@link CudaLibraryDownload} first. {@link #pytorch()} never applies this plan itself.
         */
        DOWNLOAD_CUDA,
        /** The CPU libtorch bundled with the application. */
        BUNDLED_CPU
    }

    /**
     * The decision and its reason, shown in the log and the UI.
     *
     * @param source where libtorch comes from
     * @param libraryPath the libtorch folder for {@link LibrarySource#CACHED_CUDA},
     *     {@link LibrarySource#USER_LIBRARY_PATH} and {@link LibrarySource#DOWNLOAD_CUDA} (where it will be), else null
     * @param reason why, in plain words
     * @param downloadOffered whether the GPU could be used after the user chooses to download the CUDA
     *     libtorch (never done without that choice)
     */
    public record Plan(LibrarySource source, Path libraryPath, String reason, boolean downloadOffered) {}

    /**
     * What the plan depends on, gathered without starting any engine.
     *
     * @param gpus the number of CUDA GPUs the driver reports
     * @param cudaClassifier DJL's platform name for which a CUDA libtorch exists ({@code linux-x86_64},
     *     {@code win-x86_64}), or null where there is none
     * @param env environment and system properties (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR)
     * @param engineCacheDir DJL's engine cache ({@code ~/.djl.ai/pytorch})
     * @param offline whether downloads are forbidden
     */
    public record Machine(int gpus, String cudaClassifier, Map<String, String> env, Path engineCacheDir,
                          boolean offline) {
        /** Copies the map. */
        public Machine {
            env = Map.copyOf(env);
        }
    }

    /**
     * What the status bar shows: the device that is (or, before the engine starts, will be) used, and
     * what it would take to use the GPU. Computed without starting the engine or downloading.
     *
     * @param device the device in words, e.g. "CPU (8 cores)" or "GPU 0 (CUDA)"
     * @param usesGpu whether PyTorch work runs (or will run) on the GPU
     * @param engineStarted whether the engine has started (then {@code device} is the actual one)
     * @param gpusFound NVIDIA GPUs the driver reports
     * @param cudaLibraryCached whether the CUDA libtorch is in DJL's engine cache
     * @param downloadOffered whether downloading the CUDA libtorch would let the GPU be used
     * @param restartNeeded whether the engine runs on another device than the current choice and
     *     library would give: only a restart applies it
     * @param note what it would take to use the GPU (or why it is not used), "" when nothing needs saying
     */
    public record DeviceStatus(String device, boolean usesGpu, boolean engineStarted, int gpusFound,
                               boolean cudaLibraryCached, boolean downloadOffered, boolean restartNeeded,
                               String note) {

        /** @return one line: the device, then the note, if any */
        public String text() {
            return note.isEmpty() ? device : device + " — " + note;
        }
    }

    /**
     * What the one engine start of this process decided and found.
     *
     * @param plan the plan applied
     * @param choice the device choice at the start
     * @param engineGpus the GPUs the started engine can use
     */
    record Started(Plan plan, DeviceChoice choice, int engineGpus) {}

    static {
        // DJL otherwise probes the EC2 metadata service over plain HTTP when an engine starts. The
        // only network access this app makes is an explicit download the user asked for.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    // Process-wide, because DJL reads engine settings once per process.
    private static final Object START_LOCK = new Object();
    private static volatile DeviceChoice choice = DeviceChoice.AUTO;
    private static volatile Started started;
    private static volatile Integer probedGpus;

    private final int gpuCountOverride;

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
        this.gpuCountOverride = gpuCountOverride;
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
        synchronized (START_LOCK) {
            choice = Objects.requireNonNull(newChoice);
            Started s = started;
            if (s == null) {
                return true;
            }
            return newChoice == DeviceChoice.GPU ? s.engineGpus() > 0 : !new Engines().deviceStatus().restartNeeded();
        }
    }

    /** @return the current device choice of this process */
    public static DeviceChoice deviceChoice() {
        return choice;
    }

    /** @return whether the PyTorch engine of this process has started */
    public static boolean engineStarted() {
        return started != null;
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
    public static Plan plan(Machine machine, DeviceChoice deviceChoice, boolean downloadConsented) {
        boolean gpuAsked = deviceChoice == DeviceChoice.GPU;
        String userPath = machine.env().get("PYTORCH_LIBRARY_PATH");
        if (userPath != null && !userPath.isBlank()) {
            return new Plan(LibrarySource.USER_LIBRARY_PATH, Path.of(userPath), "PYTORCH_LIBRARY_PATH is set"
                    + (deviceChoice == DeviceChoice.CPU ? "; the CPU was chosen" : ""), false);
        }
        if (deviceChoice == DeviceChoice.CPU) {
            return new Plan(LibrarySource.BUNDLED_CPU, null, "the CPU was chosen", false);
        }
        if (machine.gpus() <= 0) {
            if (gpuAsked) {
                throw new CatdogException("The GPU was asked for, but no NVIDIA GPU with a working driver was found.");
            }
            return new Plan(LibrarySource.BUNDLED_CPU, null, "no NVIDIA GPU found", false);
        }
        String found = machine.gpus() == 1 ? "NVIDIA GPU found" : machine.gpus() + " NVIDIA GPUs found";
        String flavor = machine.env().get("PYTORCH_FLAVOR");
        flavor = flavor == null || flavor.isBlank() ? CUDA_FLAVOR : flavor.trim();
        String cpuBecause = null;
        if (!flavor.startsWith("cu")) {
            cpuBecause = "PYTORCH_FLAVOR=" + flavor + " asks for the CPU build";
        } else if (machine.cudaClassifier() == null) {
            cpuBecause = "DJL publishes no CUDA libtorch for this system";
        }
        if (cpuBecause != null) {
            return cpuOrRefuse(gpuAsked, found, cpuBecause, false);
        }
        Path dir = cudaLibraryDir(machine.engineCacheDir(), flavor, machine.cudaClassifier());
        if (isLibrary(dir)) {
            return new Plan(LibrarySource.CACHED_CUDA, dir, found + "; CUDA libtorch found in " + dir, false);
        }
        String missing = "the CUDA libtorch (about " + CUDA_DOWNLOAD_GB + " GB) is not downloaded";
        if (!CUDA_FLAVOR.equals(flavor)) {
            return cpuOrRefuse(gpuAsked, found, "PYTORCH_FLAVOR=" + flavor + " names a CUDA libtorch that is not in "
                    + dir + ", and CatDog Studio can download only " + CUDA_FLAVOR, false);
        }
        if (machine.offline()) {
            return cpuOrRefuse(gpuAsked, found, missing + " and downloads are off (offline mode)", false);
        }
        if (gpuAsked && downloadConsented) {
            return new Plan(LibrarySource.DOWNLOAD_CUDA, dir, found + "; downloading the CUDA libtorch (about "
                    + CUDA_DOWNLOAD_GB + " GB) once, as asked", false);
        }
        return cpuOrRefuse(gpuAsked, found, missing + "; download it with " + HOW_TO_DOWNLOAD, true);
    }

    private static Plan cpuOrRefuse(boolean gpuAsked, String found, String because, boolean downloadOffered) {
        if (gpuAsked) {
            throw new CatdogException("The GPU was asked for: " + found + ", but " + because + ".");
        }
        return new Plan(LibrarySource.BUNDLED_CPU, null, found + "; using the CPU: " + because, downloadOffered);
    }

    /**
     * The plan for this machine and the current process settings; starts nothing.
     *
     * @param deviceChoice where the user wants the work to run
     * @param downloadConsented whether the user agreed to download the CUDA libtorch
     * @return the plan
     * @throws CatdogException when {@link DeviceChoice#GPU} cannot be honoured
     */
    public Plan plan(DeviceChoice deviceChoice, boolean downloadConsented) {
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
        return engineCacheDir.resolve(LIBTORCH_VERSION + "-" + flavor + "-" + classifier);
    }

    /**
     * DJL's platform name for which a CUDA build of libtorch is published, or null.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return {@code linux-x86_64}, {@code win-x86_64} or null
     */
    public static String cudaClassifier(String osName, String osArch) {
        if (!"amd64".equals(osArch) && !"x86_64".equals(osArch)) {
            return null;
        }
        if (osName.startsWith("Linux")) {
            return "linux-x86_64";
        }
        return osName.startsWith("Windows") ? "win-x86_64" : null;
    }

    /**
     * Whether a folder holds a libtorch DJL can load (DJL checks the same file).
     *
     * @param dir the folder
     * @return whether the main library is there
     */
    static boolean isLibrary(Path dir) {
        return Files.isRegularFile(dir.resolve(System.mapLibraryName("torch")));
    }

    /**
     * Starts the PyTorch engine (once per process), applying the plan for the current
     * {@link DeviceChoice}. It never downloads.
     *
     * @return the engine
     * @throws CatdogException when the GPU was asked for and cannot be used
     */
    public Engine pytorch() {
        Started s = started;
        if (s == null) {
            synchronized (START_LOCK) {
                s = started;
                if (s == null) {
                    s = start();
                }
            }
        }
        if (choice == DeviceChoice.GPU && s.engineGpus() <= 0) {
            throw new CatdogException(s.choice() == DeviceChoice.GPU
                    ? "The GPU was asked for, but PyTorch started (" + s.plan().reason() + ") and sees no usable GPU."
                    : "The GPU was asked for, but PyTorch already runs on the CPU in this process ("
                            + s.plan().reason() + "); restart to use the GPU.");
        }
        return Engine.getEngine("PyTorch");
    }

    private Started start() {
        NativeMemoryTuning.apply();
        NativeThreadTuning.apply();
        DeviceChoice c = choice;
        Plan p = plan(machine(), c, false);
        log.info("libtorch: {} ({})", p.source(), p.reason());
        Engine engine;
        if (p.source() == LibrarySource.CACHED_CUDA) {
            // With the bundled CPU build hidden, DJL looks for <cache>/<version>-<flavor>-<classifier>
            // and loads it (the matching JNI library comes from pytorch-jni); it reaches no server.
            if (System.getProperty("PYTORCH_FLAVOR") == null && System.getenv("PYTORCH_FLAVOR") == null) {
                System.setProperty("PYTORCH_FLAVOR", CUDA_FLAVOR);
            }
            engine = startHidingBundledCpu();
        } else {
            engine = Engine.getEngine("PyTorch");
        }
        Started s = new Started(p, c, engine.getGpuCount());
        started = s;
        log.info("PyTorch {} started ({} GPU(s) visible, device choice {})", engine.getVersion(), s.engineGpus(),
                c.word());
        return s;
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
        return choice == DeviceChoice.CPU ? Device.cpu() : chooseDevice(started.engineGpus());
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
        DeviceChoice c = choice;
        return status(machine(), c, started, Runtime.getRuntime().availableProcessors());
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
    static DeviceStatus status(Machine machine, DeviceChoice deviceChoice, Started startedOrNull, int threads) {
        Plan planned;
        String refusal = null;
        try {
            planned = plan(machine, deviceChoice, false);
        } catch (CatdogException e) {
            planned = new Plan(LibrarySource.BUNDLED_CPU, null, e.getMessage(), false);
            refusal = e.getMessage();
        }
        boolean plannedGpu = refusal == null && intendsGpu(planned, deviceChoice, machine.gpus());
        boolean engineStarted = startedOrNull != null;
        boolean usesGpu = engineStarted ? deviceChoice != DeviceChoice.CPU && startedOrNull.engineGpus() > 0 : plannedGpu;
        // The CPU can always be chosen later; the GPU only if the started engine has one.
        boolean restartNeeded = engineStarted && plannedGpu && startedOrNull.engineGpus() <= 0;
        String device = usesGpu ? "GPU 0 (CUDA)" : "CPU (" + threads + " cores)";
        String note;
        if (restartNeeded) {
            note = "the CUDA libtorch is ready: restart CatDog Studio to use the GPU";
        } else if (refusal != null && !usesGpu) {
            note = refusal;
        } else if (!usesGpu && machine.gpus() > 0) {
            note = planned.reason();
        } else {
            note = null;
        }
        boolean cached = machine.cudaClassifier() != null
                && isLibrary(cudaLibraryDir(machine.engineCacheDir(), CUDA_FLAVOR, machine.cudaClassifier()));
        return new DeviceStatus(device, usesGpu, engineStarted, Math.max(0, machine.gpus()), cached,
                planned.downloadOffered(), restartNeeded, note == null ? "" : note);
    }

    /** Whether a plan, applied with a choice, means PyTorch work on the GPU (given one is there). */
    private static boolean intendsGpu(Plan plan, DeviceChoice deviceChoice, int gpus) {
        return plan.source() == LibrarySource.CACHED_CUDA
                || plan.source() == LibrarySource.USER_LIBRARY_PATH && deviceChoice != DeviceChoice.CPU && gpus > 0;
    }

    /** @return what the plan depends on for this machine, probed without starting an engine */
    Machine machine() {
        return new Machine(gpuCount(), cudaClassifier(System.getProperty("os.name", ""),
                System.getProperty("os.arch", "")), envAndProperties(), engineCacheDir(), isOffline());
    }

    private int gpuCount() {
        if (gpuCountOverride >= 0) {
            return gpuCountOverride;
        }
        Integer n = probedGpus;
        if (n == null) {
            try {
                // Asks the CUDA runtime through JNA; PyTorch is not involved.
                n = CudaUtils.getGpuCount();
            } catch (RuntimeException | LinkageError e) {
                n = 0;
            }
            probedGpus = n;
        }
        return n;
    }

    /**
     * DJL finds the bundled CPU libtorch through a classpath resource; hiding it from the context
     * class loader while the engine starts makes DJL look for the CUDA build in its cache.
     */
    private static Engine startHidingBundledCpu() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        ClassLoader parent = original != null ? original : Engines.class.getClassLoader();
        thread.setContextClassLoader(new ClassLoader(parent) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return BUNDLED_NATIVE_PROPERTIES.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
            }

            @Override
            public URL getResource(String name) {
                return BUNDLED_NATIVE_PROPERTIES.equals(name) ? null : super.getResource(name);
            }
        });
        try {
            return Engine.getEngine("PyTorch");
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private static Map<String, String> envAndProperties() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        for (String key : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR"}) {
            String value = System.getProperty(key);
            if (value != null) {
                merged.put(key, value);
            }
        }
        return merged;
    }

    /** @return whether downloads are forbidden, by the same rule DJL itself applies before downloading */
    static boolean isOffline() {
        return ai.djl.util.Utils.isOfflineMode();
    }

    /** @return DJL's PyTorch engine cache folder (computed; nothing is created) */
    public static Path engineCacheDir() {
        return ai.djl.util.Utils.getEngineCacheDir("pytorch");
    }
}

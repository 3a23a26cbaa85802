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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once per process, choosing the native library and the device.
 *
 * <p>The CPU libtorch ships inside the application (so it works offline). On a machine with an NVIDIA
 * GPU that bundled library must not win: DJL picks a bundled library before it would download the
 * CUDA build, and engine settings are read only once per process. So, before the first engine call,
 * {@link #plan} decides where libtorch comes from, and {@link #pytorch()} applies that decision.
 */
public final class Engines {

    private static final Logger log = LoggerFactory.getLogger(Engines.class);
    /** The classpath resource by which DJL finds a bundled libtorch. */
    static final String BUNDLED_NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    /** The CUDA flavour of libtorch 2.7.1 that DJL publishes. */
    static final String CUDA_FLAVOR = "cu128";
    static final String LIBTORCH_VERSION = "2.7.1";

    /** Where libtorch comes from. */
    public enum LibrarySource {
        /** The user named a libtorch folder with {@code PYTORCH_LIBRARY_PATH}: DJL uses it. */
        USER_LIBRARY_PATH,
        /** A CUDA libtorch already downloaded into DJL's cache. */
        CACHED_CUDA,
        /** Let DJL download the CUDA libtorch (needs the network once). */
        DOWNLOAD_CUDA,
        /** The CPU libtorch bundled with the application. */
        BUNDLED_CPU
    }

    /**
     * The decision and its reason, shown in the log and the UI.
     *
     * @param source where libtorch comes from
     * @param libraryPath the folder for {@link LibrarySource#CACHED_CUDA}, else null
     * @param reason why, in plain words
     */
    public record Plan(LibrarySource source, Path libraryPath, String reason) {}

    static {
        // DJL otherwise probes the EC2 metadata service over plain HTTP when an engine starts. The
        // only network access this app makes is the explicit model download.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private final int gpuCountOverride;
    private volatile Plan plan;
    private volatile boolean started;

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
     * Decides where libtorch comes from. Pure, so the choice is testable without a GPU.
     *
     * @param gpus the number of CUDA GPUs the driver reports
     * @param env environment and system properties (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR, DJL_OFFLINE)
     * @param engineCacheDir DJL's engine cache ({@code ~/.djl.ai/pytorch})
     * @param offline whether downloads are forbidden
     * @return the plan
     */
    public static Plan plan(int gpus, Map<String, String> env, Path engineCacheDir, boolean offline) {
        String userPath = env.get("PYTORCH_LIBRARY_PATH");
        if (userPath != null && !userPath.isBlank()) {
            return new Plan(LibrarySource.USER_LIBRARY_PATH, Path.of(userPath), "PYTORCH_LIBRARY_PATH is set");
        }
        if (gpus <= 0) {
            return new Plan(LibrarySource.BUNDLED_CPU, null, "no CUDA GPU found");
        }
        String flavor = env.getOrDefault("PYTORCH_FLAVOR", CUDA_FLAVOR);
        if (!flavor.startsWith("cu")) {
            return new Plan(LibrarySource.BUNDLED_CPU, null, "PYTORCH_FLAVOR=" + flavor + " asks for the CPU build");
        }
        Path cached = engineCacheDir.resolve(LIBTORCH_VERSION + "-" + flavor + "-linux-x86_64");
        if (Files.isRegularFile(cached.resolve(System.mapLibraryName("torch")))) {
            return new Plan(LibrarySource.CACHED_CUDA, cached, gpus + " GPU(s); CUDA libtorch found in the cache");
        }
        if (offline) {
            return new Plan(LibrarySource.BUNDLED_CPU, null, gpus + " GPU(s), but the CUDA libtorch is not "
                    + "cached and downloads are off: using the CPU");
        }
        return new Plan(LibrarySource.DOWNLOAD_CUDA, null, gpus + " GPU(s); downloading the CUDA libtorch once");
    }

    /**
     * Starts the PyTorch engine (once), applying the plan.
     *
     * @return the engine
     */
    public synchronized Engine pytorch() {
        if (!started) {
            NativeMemoryTuning.apply();
            NativeThreadTuning.apply();
            Plan p = plan(gpuCount(), envAndProperties(), engineCacheDir(), isOffline());
            plan = p;
            log.info("libtorch: {} ({})", p.source(), p.reason());
            switch (p.source()) {
                case CACHED_CUDA -> System.setProperty("PYTORCH_LIBRARY_PATH", p.libraryPath().toString());
                case DOWNLOAD_CUDA -> {
                    if (System.getProperty("PYTORCH_FLAVOR") == null && System.getenv("PYTORCH_FLAVOR") == null) {
                        System.setProperty("PYTORCH_FLAVOR", CUDA_FLAVOR);
                    }
                }
                default -> { }
            }
            Engine engine = p.source() == LibrarySource.DOWNLOAD_CUDA ? startHidingBundledCpu() : Engine.getEngine("PyTorch");
            started = true;
            log.info("PyTorch {} on {} ({} GPU(s) visible)", engine.getVersion(), pytorchDevice(), engine.getGpuCount());
            return engine;
        }
        return Engine.getEngine("PyTorch");
    }

    /** @return the plan applied by {@link #pytorch()}, or null before it ran */
    public Plan appliedPlan() {
        return plan;
    }

    /**
     * The device for PyTorch work: the first GPU when the engine reports one, else the CPU.
     *
     * @return the device
     */
    public Device pytorchDevice() {
        Engine engine = pytorch();
        return chooseDevice(engine.getGpuCount());
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
     * A plain description of the device in use, for the UI and the command line.
     *
     * @return e.g. "CPU (2 threads)" or "GPU 0 (CUDA)"
     */
    public String describeDevice() {
        Device d = pytorchDevice();
        return d.isGpu() ? "GPU " + d.getDeviceId() + " (CUDA)"
                : "CPU (" + Runtime.getRuntime().availableProcessors() + " threads)";
    }

    private int gpuCount() {
        if (gpuCountOverride >= 0) {
            return gpuCountOverride;
        }
        try {
            return CudaUtils.getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /**
     * DJL finds the bundled CPU libtorch through a classpath resource; hiding it from the context
     * class loader while the engine starts makes DJL fetch the CUDA build instead.
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
        Map<String, String> merged = new java.util.HashMap<>(System.getenv());
        for (String key : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "DJL_OFFLINE"}) {
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

    private static Path engineCacheDir() {
        return ai.djl.util.Utils.getEngineCacheDir("pytorch");
    }
}

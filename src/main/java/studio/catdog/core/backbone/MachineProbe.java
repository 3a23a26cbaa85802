package studio.catdog.core.backbone;

import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers what {@link Engines}' plan depends on (GPUs, platform, environment, engine cache, offline
 * mode) without starting any engine. The GPU count is asked of the CUDA runtime once per process.
 */
final class MachineProbe {

    // Process-wide: the driver's answer does not change while the process runs.
    private static volatile Integer probedGpus;

    private final int gpuCountOverride;

    /**
     * @param gpuCountOverride the GPU count to assume, or -1 to ask CUDA
     */
    MachineProbe(int gpuCountOverride) {
        this.gpuCountOverride = gpuCountOverride;
    }

    /** @return what the plan depends on for this machine, probed without starting an engine */
    MachineFacts machine() {
        return new MachineFacts(
                gpuCount(),
                cudaClassifier(System.getProperty("os.name", ""), System.getProperty("os.arch", "")),
                envAndProperties(),
                engineCacheDir(),
                isOffline());
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

    /** See {@link Engines#cudaClassifier}. */
    static String cudaClassifier(String osName, String osArch) {
        if (!"amd64".equals(osArch) && !"x86_64".equals(osArch)) {
            return null;
        }
        if (osName.startsWith("Linux")) {
            return "linux-x86_64";
        }
        return osName.startsWith("Windows") ? "win-x86_64" : null;
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
        return Utils.isOfflineMode();
    }

    /** @return DJL's PyTorch engine cache folder (computed; nothing is created) */
    static Path engineCacheDir() {
        return Utils.getEngineCacheDir("pytorch");
    }
}

package studio.catdog.core.backbone;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the device plan depends on, gathered without starting any engine.
 *
 * @param gpus the number of CUDA GPUs the driver reports
 * @param cudaClassifier DJL's platform name for which a CUDA libtorch exists ({@code linux-x86_64},
 *     {@code win-x86_64}), or null where there is none
 * @param env environment and system properties (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR)
 * @param engineCacheDir DJL's engine cache ({@code ~/.djl.ai/pytorch})
 * @param offline whether downloads are forbidden
 */
public record MachineFacts(
        int gpus, String cudaClassifier, Map<String, String> env, Path engineCacheDir, boolean offline) {
    /** Copies the map. */
    public MachineFacts {
        env = Map.copyOf(env);
    }
}

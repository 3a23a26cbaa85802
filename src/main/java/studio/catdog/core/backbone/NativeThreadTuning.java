package studio.catdog.core.backbone;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes libtorch's OpenMP threads sleep when idle instead of spinning.
 *
 * <p>Why: feature extraction decodes images on another thread while libtorch runs the backbone. With
 * OpenMP's default (spin-wait between parallel regions) the two idle OpenMP threads took the CPU from
 * the decoder on our 2-vCPU machine, and ResNet50 TorchScript ran 3-8 images/s end to end instead of
 * 8-17 with {@code OMP_WAIT_POLICY=PASSIVE} (whole-process wall time 41-116 s against 15-31 s for
 * 256 images). OpenMP reads the variable when its library loads, so it is set in-process through the
 * C library before libtorch loads. Not changed when the user set it, off Linux, or when
 * {@code catdog.ompPassive=false}.
 */
public final class NativeThreadTuning {

    private static final Logger log = LoggerFactory.getLogger(NativeThreadTuning.class);
    static final String VARIABLE = "OMP_WAIT_POLICY";
    private static volatile Boolean applied;

    /** The C library's environment call. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private NativeThreadTuning() {}

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} once per process, before libtorch loads.
     *
     * @return whether the setting is in effect
     */
    public static synchronized boolean apply() {
        if (applied != null) {
            return applied;
        }
        applied = false;
        if (!Platform.isLinux() || !Boolean.parseBoolean(System.getProperty("catdog.ompPassive", "true"))) {
            return false;
        }
        if (System.getenv(VARIABLE) != null) {
            log.info("{} given by the environment; not changing it", VARIABLE);
            return false;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            applied = c.setenv(VARIABLE, "PASSIVE", 0) == 0 && "PASSIVE".equals(c.getenv(VARIABLE));
            log.debug("{}=PASSIVE set in-process: {}", VARIABLE, applied);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.debug("setenv not available", e);
        }
        return applied;
    }
}

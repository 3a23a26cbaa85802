package studio.catdog.core.backbone;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes glibc keep the large blocks libtorch frees, instead of returning them to the kernel.
 *
 * <p>Why: with glibc's defaults every forward pass maps its activations afresh and pays a page fault
 * per 4 KiB page; measured on our 2-vCPU build machine that made ResNet50 5 images/s instead of
 * 25-29. Calling {@code mallopt} in-process, before libtorch allocates, fixes it for every user
 * without a preload or environment variables. Skipped where {@code MALLOC_*} settings are already
 * given, off glibc, or when {@code catdog.mallopt=false}.
 */
public final class NativeMemoryTuning {

    private static final Logger log = LoggerFactory.getLogger(NativeMemoryTuning.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static final int M_ARENA_MAX = -8;
    private static volatile Boolean applied;

    /** The C library's allocator tuning call. */
    interface CLibrary extends Library {
        int mallopt(int param, int value);
    }

    private NativeMemoryTuning() {}

    /**
     * Applies the settings once per process.
     *
     * @return whether they are in effect
     */
    public static synchronized boolean apply() {
        if (applied != null) {
            return applied;
        }
        applied = false;
        if (!Platform.isLinux() || !Boolean.parseBoolean(System.getProperty("catdog.mallopt", "true"))) {
            return false;
        }
        if (System.getenv("MALLOC_CONF") != null
                || System.getenv("MALLOC_MMAP_MAX_") != null
                || System.getenv("LD_PRELOAD") != null) {
            log.info("allocator settings given by the environment; not changing them");
            return false;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            boolean ok = c.mallopt(M_MMAP_MAX, 0) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1
                    & c.mallopt(M_ARENA_MAX, 1) == 1;
            applied = ok;
            log.debug("glibc mallopt keep-memory settings applied: {}", ok);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.debug("mallopt not available (not glibc?)", e);
        }
        return applied;
    }
}

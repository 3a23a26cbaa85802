package studio.catdog.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory, for progress lines and benchmarks: resident set (native included) and heap. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** @return the peak resident set size in MB (VmHWM), or -1 where /proc is absent */
    public static long peakRssMb() {
        return procStatusKb("VmHWM:") / 1024;
    }

    /** @return the current resident set size in MB (VmRSS), or -1 where /proc is absent */
    public static long currentRssMb() {
        return procStatusKb("VmRSS:") / 1024;
    }

    /** @return the highest Java heap use so far in MB, summed over the heap pools' peaks */
    public static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    private static long procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}

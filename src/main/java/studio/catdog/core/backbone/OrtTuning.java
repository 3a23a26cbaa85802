package studio.catdog.core.backbone;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ONNX Runtime session settings for a frozen backbone on the CPU. The defaults are the measured
 * fastest on our 2-vCPU machine (see BENCHMARKS.md); system properties {@code catdog.ort.*} override
 * them for experiments.
 *
 * @param intraOpThreads threads inside one operator (ONNX Runtime's own default counts physical cores
 *     only, which on a 2-vCPU machine means one thread)
 * @param optLevel graph optimisation level
 * @param spinning whether idle intra-op threads spin waiting for work
 * @param batchSize images per call during feature extraction
 * @param memoryPattern whether ONNX Runtime plans one block for a run's intermediate tensors from the
 *     first run's sizes (its default; kept: see BENCHMARKS.md, "int8 fast path")
 * @param cpuArena whether ONNX Runtime keeps freed memory in its own arena (its default; kept, same)
 * @param config further session configuration entries ({@code key=value}), for experiments only
 */
record OrtTuning(
        int intraOpThreads,
        OrtSession.SessionOptions.OptLevel optLevel,
        boolean spinning,
        int batchSize,
        boolean memoryPattern,
        boolean cpuArena,
        Map<String, String> config) {

    OrtTuning {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config)); // keeps the order given
    }

    /**
     * The defaults, overridden by the system properties {@code catdog.ort.threads}, {@code .opt},
     * {@code .spin}, {@code .batch}, {@code .memPattern}, {@code .arena} and {@code .config}
     * ({@code key=value;key=value}: any ONNX Runtime session configuration entry) where given, so each
     * setting's effect can be measured again.
     *
     * @return the settings
     */
    static OrtTuning fromSystemProperties() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new OrtTuning(
                Integer.getInteger("catdog.ort.threads", cores),
                OrtSession.SessionOptions.OptLevel.valueOf(
                        System.getProperty("catdog.ort.opt", "ALL_OPT").toUpperCase(Locale.ROOT)),
                Boolean.parseBoolean(System.getProperty("catdog.ort.spin", "false")),
                Integer.getInteger("catdog.ort.batch", 8),
                Boolean.parseBoolean(System.getProperty("catdog.ort.memPattern", "true")),
                Boolean.parseBoolean(System.getProperty("catdog.ort.arena", "true")),
                parseConfig(System.getProperty("catdog.ort.config", "")));
    }

    /** @return the plainest settings: one thread, no graph optimisation, one image per call */
    static OrtTuning plain() {
        return new OrtTuning(1, OrtSession.SessionOptions.OptLevel.NO_OPT, false, 1, true, true, Map.of());
    }

    /**
     * Parses {@code key=value;key=value}.
     *
     * @param text the entries; blank for none
     * @return the entries, in order
     * @throws IllegalArgumentException when an entry has no {@code =}
     */
    static Map<String, String> parseConfig(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("catdog.ort.config entry without key=value: " + entry);
            }
            out.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * Builds the session options; the caller closes them after the session.
     *
     * @return new session options
     * @throws OrtException when ONNX Runtime refuses a setting
     */
    OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(intraOpThreads);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(optLevel);
            o.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            o.setMemoryPatternOptimization(memoryPattern);
            o.setCPUArenaAllocator(cpuArena);
            for (Map.Entry<String, String> e : config.entrySet()) {
                o.addConfigEntry(e.getKey(), e.getValue());
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }
}

package studio.catdog.core.backbone;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Locale;

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
 */
record OrtTuning(int intraOpThreads, OrtSession.SessionOptions.OptLevel optLevel, boolean spinning, int batchSize) {

    /** @return the defaults, overridden by {@code catdog.ort.threads/opt/spin/batch} where given */
    static OrtTuning fromSystemProperties() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new OrtTuning(
                Integer.getInteger("catdog.ort.threads", cores),
                OrtSession.SessionOptions.OptLevel.valueOf(System.getProperty("catdog.ort.opt", "ALL_OPT")
                        .toUpperCase(Locale.ROOT)),
                Boolean.parseBoolean(System.getProperty("catdog.ort.spin", "false")),
                Integer.getInteger("catdog.ort.batch", 8));
    }

    /** @return the plainest settings: one thread, no graph optimisation, one image per call */
    static OrtTuning plain() {
        return new OrtTuning(1, OrtSession.SessionOptions.OptLevel.NO_OPT, false, 1);
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
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }
}

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Compares ONNX Runtime session settings on one model in ONE process, batch by batch in turn
 * (A B C A B C ...), so that a machine whose speed drifts (other jobs on the 2 vCPUs) slows every
 * setting alike: the per-round ratios to the first setting are what to read, not the absolute rates.
 * Forward pass only (one input tensor, made once per setting, random pixels); not part of the build.
 *
 * <pre>
 * R=~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.21.1/onnxruntime-1.21.1.jar
 * java -cp $R bench/OrtOptionsAB.java MODEL.onnx ROUNDS \
 *     "base:" "dyn4:cfg.session.dynamic_block_base=4" "bs1:batch=1" "t1:threads=1" ...
 * </pre>
 *
 * A setting is {@code label:key=value,key=value}; keys: {@code batch} (default 8), {@code threads}
 * (default 2), {@code opt} (ALL_OPT, EXTENDED_OPT, BASIC_OPT, NO_OPT; default ALL_OPT), {@code spin}
 * (0/1, default 0), {@code arena} (0/1, default 1), {@code pattern} (0/1, default 1), {@code model}
 * (another model file for this setting, e.g. the QDQ form) and {@code cfg.KEY} for any session
 * configuration entry. The defaults are the app's (OrtTuning).
 * Each round runs every setting for about {@code IMAGES} images (env, default 32).
 */
public class OrtOptionsAB {

    record Setting(String label, int batch, OrtSession session, OnnxTensor input) {}

    public static void main(String[] args) throws Exception {
        String model = args[0];
        int rounds = Integer.parseInt(args[1]);
        int imagesPerRound = Integer.parseInt(System.getenv().getOrDefault("IMAGES", "32"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Setting> settings = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            settings.add(open(env, model, args[i]));
        }
        for (Setting s : settings) { // warm-up: two runs each
            for (int w = 0; w < 2; w++) {
                s.session.run(Map.of("input", s.input)).close();
            }
        }
        double[][] rate = new double[settings.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < settings.size(); k++) {
                int idx = (k + r) % settings.size(); // rotate who goes first
                Setting s = settings.get(idx);
                int runs = Math.max(1, imagesPerRound / s.batch);
                long t0 = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    s.session.run(Map.of("input", s.input)).close();
                }
                rate[idx][r] = runs * s.batch / ((System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d rounds of about %d images; load %s%n", model, rounds, imagesPerRound,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).strip());
        for (int k = 0; k < settings.size(); k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = rate[k][r] / rate[0][r];
            }
            System.out.printf(Locale.ROOT, "%-28s images/s median %6.1f (min %6.1f, max %6.1f)   ratio to %s: median %.3f (min %.3f, max %.3f)%n",
                    settings.get(k).label, median(rate[k]), min(rate[k]), max(rate[k]), settings.get(0).label,
                    median(ratio), min(ratio), max(ratio));
        }
    }

    static Setting open(OrtEnvironment env, String model, String spec) throws Exception {
        int colon = spec.indexOf(':');
        String label = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        int batch = 8;
        String file = model;
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(2);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        for (String kv : rest.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            String k = kv.substring(0, kv.indexOf('=')), v = kv.substring(kv.indexOf('=') + 1);
            switch (k) {
                case "batch" -> batch = Integer.parseInt(v);
                case "model" -> file = v;
                case "threads" -> o.setIntraOpNumThreads(Integer.parseInt(v));
                case "opt" -> o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(v));
                case "spin" -> o.addConfigEntry("session.intra_op.allow_spinning", v);
                case "arena" -> o.setCPUArenaAllocator(v.equals("1"));
                case "pattern" -> o.setMemoryPatternOptimization(v.equals("1"));
                default -> {
                    if (!k.startsWith("cfg.")) {
                        throw new IllegalArgumentException("unknown key " + k);
                    }
                    o.addConfigEntry(k.substring(4), v);
                }
            }
        }
        OrtSession session = env.createSession(file, o);
        int n = batch * 3 * 224 * 224;
        FloatBuffer pixels = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            pixels.put(i, (float) random.nextGaussian());
        }
        String inputName = session.getInputNames().iterator().next();
        OnnxTensor input = OnnxTensor.createTensor(env, pixels, new long[] {batch, 3, 224, 224});
        if (!"input".equals(inputName)) {
            throw new IllegalArgumentException("the model's input is " + inputName + ", expected 'input'");
        }
        return new Setting(label + " " + Arrays.toString(rest.isEmpty() ? new String[0] : rest.split(",")), batch,
                session, input);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}

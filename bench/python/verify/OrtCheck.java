import ai.onnxruntime.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

/**
 * Runs BASE.onnx in ONNX Runtime (Java, the app's engine) on BASE.check-input.f32 and compares the
 * output with BASE.check-output.f32 (the reference the Python script computed) and, where present,
 * BASE.check-fp32.f32 (the fp32 model's output, written by make_resnet50_int8.py).
 *   java -cp onnxruntime-1.21.1.jar OrtCheck.java <bench models folder>/resnet50-random[-int8]
 */
public class OrtCheck {
  static float[] read(String p) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Paths.get(p))).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining()/4]; b.asFloatBuffer().get(f); return f;
  }
  static void compare(String what, float[] got, float[] ref, int rows) {
    double maxAbs = 0, maxRef = 0, diff2 = 0, ref2 = 0;
    for (int k = 0; k < ref.length; k++) {
      double d = got[k] - ref[k];
      maxAbs = Math.max(maxAbs, Math.abs(d)); maxRef = Math.max(maxRef, Math.abs(ref[k]));
      diff2 += d * d; ref2 += (double) ref[k] * ref[k];
    }
    // Centred cosine: random-weight features share a large common part, so the plain cosine of two
    // rows is near 1 whatever the image; subtracting the batch mean shows whether the differences agree.
    int dim = ref.length / rows;
    double dot = 0, ng = 0, nr = 0;
    for (int j = 0; j < dim; j++) {
      double mg = 0, mr = 0;
      for (int r = 0; r < rows; r++) { mg += got[r * dim + j]; mr += ref[r * dim + j]; }
      mg /= rows; mr /= rows;
      for (int r = 0; r < rows; r++) {
        double g = got[r * dim + j] - mg, f = ref[r * dim + j] - mr;
        dot += g * f; ng += g * g; nr += f * f;
      }
    }
    System.out.printf("vs %s: n=%d maxAbsDiff=%.3g maxRelDiff=%.3g relL2=%.3g centredCosine=%.4f%n",
        what, ref.length, maxAbs, maxAbs / maxRef, Math.sqrt(diff2 / ref2), dot / Math.sqrt(ng * nr));
  }
  public static void main(String[] a) throws Exception {
    String base = a[0];
    float[] in = read(base + ".check-input.f32"), ref = read(base + ".check-output.f32");
    int rows = in.length / (3 * 224 * 224);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions so = new OrtSession.SessionOptions(); so.setIntraOpNumThreads(2);
    try (OrtSession s = env.createSession(base + ".onnx", so);
         OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[]{rows,3,224,224});
         OrtSession.Result r = s.run(Map.of("input", t))) {
      System.out.println("ort=" + env.getVersion() + " inputs=" + s.getInputInfo() + " outputs=" + s.getOutputInfo());
      float[][] out = (float[][]) r.get(0).getValue();
      float[] flat = new float[ref.length];
      for (int i = 0; i < out.length; i++) System.arraycopy(out[i], 0, flat, i * out[i].length, out[i].length);
      compare("check-output (the script's reference)", flat, ref, rows);
      if (Files.exists(Paths.get(base + ".check-fp32.f32"))) {
        compare("check-fp32 (the fp32 model)", flat, read(base + ".check-fp32.f32"), rows);
      }
    }
  }
}

import ai.onnxruntime.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
public class OrtCheck {
  static float[] read(String p) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Paths.get(p))).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining()/4]; b.asFloatBuffer().get(f); return f;
  }
  public static void main(String[] a) throws Exception {
    String base = a[0];
    float[] in = read(base + ".check-input.f32"), ref = read(base + ".check-output.f32");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions so = new OrtSession.SessionOptions(); so.setIntraOpNumThreads(2);
    try (OrtSession s = env.createSession(base + ".onnx", so);
         OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[]{2,3,224,224});
         OrtSession.Result r = s.run(Map.of("input", t))) {
      System.out.println("inputs=" + s.getInputInfo() + " outputs=" + s.getOutputInfo());
      float[][] out = (float[][]) r.get(0).getValue();
      double maxAbs = 0, maxRef = 0; int k = 0;
      for (float[] row : out) for (float v : row) { maxAbs = Math.max(maxAbs, Math.abs(v - ref[k])); maxRef = Math.max(maxRef, Math.abs(ref[k])); k++; }
      System.out.printf("ort=%s n=%d maxAbsDiff=%.3g maxRelDiff=%.3g%n", OrtEnvironment.getEnvironment().getVersion(), k, maxAbs, maxAbs/maxRef);
    }
  }
}

import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.*;
import ai.djl.translate.NoopTranslator;
import java.nio.*;
import java.nio.file.*;
public class DjlCheck {
  static float[] read(String p) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Paths.get(p))).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining()/4]; b.asFloatBuffer().get(f); return f;
  }
  public static void main(String[] a) throws Exception {
    String base = a[0];
    float[] in = read(base + ".check-input.f32"), ref = read(base + ".check-output.f32");
    Criteria<NDList, NDList> c = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(Paths.get(base + ".pt")).optEngine("PyTorch").optTranslator(new NoopTranslator()).build();
    try (ZooModel<NDList, NDList> m = c.loadModel(); Predictor<NDList, NDList> p = m.newPredictor()) {
      NDManager mgr = m.getNDManager();
      NDList out = p.predict(new NDList(mgr.create(in, new Shape(2,3,224,224))));
      float[] o = out.singletonOrThrow().toFloatArray();
      double maxAbs = 0; for (int i = 0; i < o.length; i++) maxAbs = Math.max(maxAbs, Math.abs(o[i]-ref[i]));
      System.out.println("engine=" + Engine.getEngine("PyTorch").getVersion() + " shape=" + out.singletonOrThrow().getShape() + " maxAbsDiff=" + maxAbs);
    }
  }
}

package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.testing.TinyOnnx;

/**
 * Pooled features from ONNX graphs: the tensor added as the output must be exactly what the graph
 * feeds its classifier. Expected values come from the unedited graphs and from computing the final
 * Gemm in Java, never from the edited graph itself.
 */
class OnnxFeatureGraphTest {

    private static final int SIZE = 3 * 224 * 224;

    @TempDir
    Path dir;

    private final BackboneFactory factory = new BackboneFactory(new Engines(0));

    @Test
    void pooledFeaturesOfAFloatModelAreItsGlobalAveragePoolOutput() throws IOException {
        Path withLogits = TinyOnnx.writeWithLogits(dir.resolve("logits.onnx"), 5, 4);
        Path poolOnly = TinyOnnx.write(dir.resolve("pool.onnx"), 5); // same weights, output = flattened pooling
        float[] pixels = pixels(3, new float[] {0, 0, 0}, 1.5f, 1);
        try (Backbone pooled = factory.openOnnx(withLogits, FeatureLayer.POOLED, OrtTuning.plain());
                Backbone logits = factory.openOnnx(withLogits, FeatureLayer.LOGITS, OrtTuning.plain());
                Backbone reference = factory.openOnnx(poolOnly, FeatureLayer.LOGITS, OrtTuning.plain())) {
            assertThat(pooled.info().featureLayer()).isEqualTo("pooled");
            assertThat(pooled.info().featureDim()).isEqualTo(TinyOnnx.POOLED);
            assertThat(logits.info().featureLayer()).isEqualTo("logits");
            assertThat(logits.info().featureDim()).isEqualTo(4);
            // The feature cache key changes with the layer.
            assertThat(pooled.info().identity()).isNotEqualTo(logits.info().identity());
            assertThat(pooled.info().sha256()).isEqualTo(logits.info().sha256());

            float[][] actual = pooled.extract(pixels, 3);
            float[][] expected = reference.extract(pixels, 3);
            float[][] actualLogits = logits.extract(pixels, 3);
            for (int i = 0; i < 3; i++) {
                assertThat(actual[i]).hasSize(TinyOnnx.POOLED);
                assertClose(actual[i], expected[i], 1e-5f);
                assertClose(actualLogits[i], gemm(expected[i], 4), 1e-4f);
            }
        }
    }

    @Test
    void pooledFeaturesOfAnInt8ModelAreTheDequantizedPoolingOutput() throws IOException {
        Path model = TinyOnnx.writeQuantized(dir.resolve("int8.onnx"), 5);
        float[] channelMeans = {-0.8f, 0.1f, 0.9f};
        float[] pixels = pixels(2, channelMeans, 0.5f, 2);
        try (Backbone pooled = factory.openOnnx(model, FeatureLayer.POOLED, OrtTuning.plain());
                Backbone logits = factory.openOnnx(model, FeatureLayer.LOGITS, OrtTuning.plain())) {
            assertThat(pooled.info().featureLayer()).isEqualTo("pooled");
            assertThat(pooled.info().featureDim()).isEqualTo(3);
            assertThat(logits.info().featureDim()).isEqualTo(5);
            float[][] features = pooled.extract(pixels, 2);
            float[][] graphLogits = logits.extract(pixels, 2);
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < 3; c++) {
                    float v = features[i][c];
                    // Dequantized: a whole number of output steps from the zero point...
                    float steps = v / TinyOnnx.OUT_SCALE;
                    assertThat(steps).isCloseTo(Math.round(steps), within(1e-3f));
                    // ...and the channel's average, to within the quantization steps.
                    assertThat(v).isCloseTo(mean(pixels, i, c), within(TinyOnnx.OUT_SCALE + TinyOnnx.IN_SCALE));
                }
                // Exactly what the graph feeds its classifier: the Gemm of these features is its logits.
                assertClose(graphLogits[i], gemm(features[i], 5), 1e-4f);
            }
        }
    }

    @Test
    void aGraphWithoutPoolingFallsBackToItsLogits() throws IOException {
        Path model = TinyOnnx.writeWithoutPooling(dir.resolve("nopool.onnx"), 6);
        try (Backbone b = factory.openOnnx(model, FeatureLayer.POOLED, OrtTuning.plain())) {
            assertThat(b.info().featureLayer()).isEqualTo("logits");
            assertThat(b.info().featureDim()).isEqualTo(6);
        }
    }

    @Test
    void theBuiltInBackboneGivesPooled1280OrLogits1000WithAStableIdentity() {
        float[] pixels = pixels(2, new float[] {0, 0, 0}, 1.5f, 3);
        try (Backbone pooled = factory.open(BackboneSpec.builtin(), FeatureLayer.POOLED, null);
                Backbone logits = factory.open(BackboneSpec.builtin(), FeatureLayer.LOGITS, null)) {
            BackboneInfo info = pooled.info();
            assertThat(info.kind()).isEqualTo("builtin");
            assertThat(info.sha256()).isEqualTo(BuiltinBackbone.SHA256);
            assertThat(info.name()).isEqualTo("MobileNetV2, built in, works offline");
            assertThat(info.engine()).isEqualTo("OnnxRuntime");
            assertThat(info.featureLayer()).isEqualTo("pooled");
            assertThat(info.featureDim()).isEqualTo(1280);
            assertThat(logits.info().featureLayer()).isEqualTo("logits");
            assertThat(logits.info().featureDim()).isEqualTo(1000);
            float[] f = pooled.extract(pixels, 2)[0];
            // ReLU6 before the pooling and a zero point of 0: pooled activations are >= 0, and not all 0.
            float max = 0;
            for (float v : f) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
                max = Math.max(max, v);
            }
            assertThat(max).isGreaterThan(0f);
        }
    }

    /** {@code count} images; channel c is around {@code means[c]}, spread uniformly by +-spread. */
    private static float[] pixels(int count, float[] means, float spread, long seed) {
        Random r = new Random(seed);
        float[] p = new float[count * SIZE];
        int plane = 224 * 224;
        for (int i = 0; i < p.length; i++) {
            int c = (i / plane) % 3;
            p[i] = means[c] + (r.nextFloat() * 2 - 1) * spread;
        }
        return p;
    }

    private static float mean(float[] pixels, int image, int channel) {
        int plane = 224 * 224;
        double sum = 0;
        for (int k = 0; k < plane; k++) {
            sum += pixels[image * SIZE + channel * plane + k];
        }
        return (float) (sum / plane);
    }

    private static float[] gemm(float[] features, int classes) {
        float[] out = new float[classes];
        for (int c = 0; c < classes; c++) {
            double s = TinyOnnx.logitBias(c);
            for (int f = 0; f < features.length; f++) {
                s += TinyOnnx.logitWeight(c, f) * features[f];
            }
            out[c] = (float) s;
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("element %d", k).isCloseTo(expected[k], within(tolerance));
        }
    }
}

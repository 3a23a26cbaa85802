package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.ExtractionListener;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TinyOnnx;

/**
 * The fast path (tuned engine settings, batches, decoding on other threads, phased or overlapped with
 * the backbone, allocator tuning, the reused direct input buffer) must give the same features as the
 * plain path (one image at a time on one thread, engine defaults or no optimisation), within 1e-4; for
 * an int8 model, within one step of its output quantization (ONNX Runtime's optimised int8 kernels
 * and its reference ones may round an intermediate value differently).
 */
class FastPathEquivalenceTest {

    private static final float TOLERANCE = 1e-4f;

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeFastPathMatchesPlainPath() throws IOException {
        Path model = TinyOnnx.write(dir.resolve("tiny.onnx"), 7);
        List<ImageSample> samples = images(19); // not a multiple of the batch size: a partial last batch
        BackboneFactory factory = new BackboneFactory(new Engines(0));
        try (Backbone fast = factory.open(BackboneSpec.parse(model.toString()), null);
                Backbone plain = factory.openOnnx(model, FeatureLayer.DEFAULT, OrtTuning.plain())) {
            assertThat(fast.preferredBatchSize()).isGreaterThan(1);
            assertSameFeatures(fast, plain, samples, TOLERANCE);
        }
    }

    @Test
    void onnxRuntimeInt8FastPathMatchesPlainPath() throws IOException {
        Path model = TinyOnnx.writeQuantizedResidual(dir.resolve("tiny-int8.onnx"), 11);
        List<ImageSample> samples = images(19);
        BackboneFactory factory = new BackboneFactory(new Engines(0));
        try (Backbone fast = factory.open(BackboneSpec.parse(model.toString()), null);
                Backbone plain = factory.openOnnx(model, FeatureLayer.DEFAULT, OrtTuning.plain())) {
            assertThat(fast.info().featureDim()).isEqualTo(TinyOnnx.RESIDUAL_FEATURES);
            assertThat(fast.info().featureLayer()).isEqualTo(FeatureLayer.POOLED.id());
            float[] one = fast.extract(
                            ImagePreprocessor.toTensor(
                                    ImageDecoder.decode(samples.get(0).path()), fast.preprocessing()),
                            1)[0];
            float largest = 0;
            for (float v : one) {
                largest = Math.max(largest, v);
            }
            assertThat(largest)
                    .as("features of a real picture, not all zero")
                    .isGreaterThan(5 * TinyOnnx.RESIDUAL_POOL_SCALE);
            assertSameFeatures(fast, plain, samples, TinyOnnx.RESIDUAL_POOL_SCALE * 1.01f);
        }
    }

    @Test
    void pytorchFastPathMatchesPlainPath() {
        List<ImageSample> samples = images(19);
        try (Backbone tiny = new BackboneFactory(new Engines(0)).open(BackboneSpec.tiny(), null)) {
            assertSameFeatures(tiny, tiny, samples, TOLERANCE);
        }
    }

    private static void assertSameFeatures(Backbone fast, Backbone plain, List<ImageSample> samples, float tolerance) {
        for (FeatureExtractor.Pipeline pipeline : FeatureExtractor.Pipeline.values()) {
            FeatureSet set = new FeatureExtractor(0, 0, pipeline)
                    .extract(fast, null, samples, new CancellationToken(), ExtractionListener.NONE);
            assertSameFeatures(set, plain, samples, tolerance, pipeline);
        }
    }

    private static void assertSameFeatures(
            FeatureSet set,
            Backbone plain,
            List<ImageSample> samples,
            float tolerance,
            FeatureExtractor.Pipeline pipeline) {
        assertThat(set.size()).isEqualTo(samples.size());
        assertThat(set.samples()).as("order, %s", pipeline).containsExactlyElementsOf(samples);
        for (int i = 0; i < samples.size(); i++) {
            ImageSample s = samples.get(i);
            float[] pixels = ImagePreprocessor.toTensor(ImageDecoder.decode(s.path()), plain.preprocessing());
            float[] expected = plain.extract(pixels, 1)[0];
            float[] actual = set.features().get(set.samples().indexOf(s));
            assertThat(actual).hasSameSizeAs(expected);
            float worst = 0;
            for (int k = 0; k < expected.length; k++) {
                worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
            }
            assertThat(worst)
                    .as("max abs difference for %s, %s", s.path().getFileName(), pipeline)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private List<ImageSample> images(int count) {
        Random random = new Random(42);
        List<ImageSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cls = i % 2 == 0 ? "cats" : "dogs";
            var image = TestImages.image(cls, random);
            if (i % 5 == 0) { // a few large ones, which take the halving path of the resize
                var big = new BufferedImage(1200 + i, 900, BufferedImage.TYPE_INT_RGB);
                var g = big.createGraphics();
                g.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
                g.dispose();
                image = big;
            }
            Path file = TestImages.write(dir.resolve(cls).resolve(i + ".jpg"), image, "jpg");
            byte[] bytes = ImageDecoder.readBytes(file);
            samples.add(new ImageSample(file, i % 2, Split.TRAIN, DatasetScanner.sha256(bytes), bytes.length));
        }
        return samples;
    }
}

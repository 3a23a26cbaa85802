package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The fast path (tuned engine settings, batches, decoding pipelined on other threads, allocator
 * tuning) must give the same features as the plain path (one image at a time on one thread, engine
 * defaults or no optimisation), within 1e-4.
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
            assertSameFeatures(fast, plain, samples);
        }
    }

    @Test
    void pytorchFastPathMatchesPlainPath() {
        List<ImageSample> samples = images(19);
        try (Backbone tiny = new BackboneFactory(new Engines(0)).open(BackboneSpec.tiny(), null)) {
            assertSameFeatures(tiny, tiny, samples);
        }
    }

    private static void assertSameFeatures(Backbone fast, Backbone plain, List<ImageSample> samples) {
        FeatureSet set = new FeatureExtractor().extract(fast, null, samples, new CancellationToken(),
                ExtractionListener.NONE);
        assertThat(set.size()).isEqualTo(samples.size());
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
            assertThat(worst).as("max abs difference for %s", s.path().getFileName()).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private List<ImageSample> images(int count) {
        Random random = new Random(42);
        List<ImageSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cls = i % 2 == 0 ? "cats" : "dogs";
            var image = TestImages.image(cls, random);
            if (i % 5 == 0) { // a few large ones, which take the halving path of the resize
                var big = new java.awt.image.BufferedImage(1200 + i, 900, java.awt.image.BufferedImage.TYPE_INT_RGB);
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

package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.ExtractionListener;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.prediction.NoveltyDetector;
import studio.catdog.testing.NonAnimalImages;
import studio.catdog.testing.TestImages;

/**
 * "Neither cat nor dog" on the real data with the MobileNetV2 backbone: almost no test photo is
 * flagged, most generated non-animal pictures are. Prints both rates for BENCHMARKS.md.
 */
class NoveltyRealDataTest {

    @TempDir
    Path dir;

    @Test
    void flagsGeneratedNonAnimalsButAlmostNoRealTestPhotos() throws IOException {
        Path data = TestImages.shared().resolve("data/cats-and-dogs");
        Path onnx = TestImages.shared().resolve("models/mobilenetv2-12-int8.onnx");
        assumeTrue(Files.isDirectory(data) && Files.isRegularFile(onnx), "skipped: ../shared data or model absent");
        Dataset d = new DatasetScanner().scan(data, new CancellationToken(), null);
        List<Path> others = NonAnimalImages.write(dir.resolve("others"), 300, 17);
        try (Backbone backbone = new BackboneFactory(new Engines()).open(BackboneSpec.parse(onnx.toString()), null)) {
            FeatureExtractor extractor = new FeatureExtractor();
            FeatureSet train = extractor.extract(backbone, null, d.samples(Split.TRAIN), new CancellationToken(), ExtractionListener.NONE);
            FeatureSet test = extractor.extract(backbone, null, d.samples(Split.TEST), new CancellationToken(), ExtractionListener.NONE);
            List<ImageSample> otherSamples = others.stream().map(p -> {
                byte[] b = studio.catdog.core.image.ImageDecoder.readBytes(p);
                return ImageSample.unlabelled(p, DatasetScanner.sha256(b), b.length);
            }).toList();
            FeatureSet other = extractor.extract(backbone, null, otherSamples, new CancellationToken(), ExtractionListener.NONE);

            NoveltyDetector detector = NoveltyDetector.fit(train.features(), NoveltyDetector.DEFAULT_QUANTILE, 42);
            double testFlagged = test.features().stream().filter(f -> detector.score(f) > detector.threshold()).count() / (double) test.size();
            double otherFlagged = other.features().stream().filter(f -> detector.score(f) > detector.threshold()).count() / (double) other.size();
            System.out.printf(Locale.ROOT, "NOVELTY threshold %.3f: test photos flagged %.2f%% (%d), generated non-animals flagged %.2f%% (%d)%n",
                    detector.threshold(), 100 * testFlagged, test.size(), 100 * otherFlagged, other.size());
            assertThat(testFlagged).isLessThan(0.04);
            assertThat(otherFlagged).isGreaterThan(0.85);
        }
    }
}

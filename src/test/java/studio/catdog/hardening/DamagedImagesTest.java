package studio.catdog.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.image.DecodedImage;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * A JPEG that ends early, or that the decoder warns about, is marked "damaged" wherever it shows up: the
 * decoder, the data set's problems, a prediction of bytes, a folder prediction (and so the CSV), never a
 * plain confident answer. Generated images only.
 */
class DamagedImagesTest {

    @TempDir
    Path dir;

    private byte[] jpeg(long seed) throws Exception {
        Path f = TestImages.write(
                dir.resolve("whole-" + seed + ".jpg"), TestImages.image("dogs", new Random(seed)), "jpg");
        return Files.readAllBytes(f);
    }

    @Test
    void theDecoderSaysWhenAFileEndsEarlyOrWarns() throws Exception {
        byte[] whole = jpeg(1);
        assertThat(ImageDecoder.damage(whole)).isNull();
        assertThat(ImageDecoder.decodeChecked(whole).damaged()).isFalse();

        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertThat(ImageDecoder.damage(half)).contains("ends early");
        DecodedImage d = ImageDecoder.decodeChecked(half);
        assertThat(d.damaged()).isTrue();
        assertThat(d.image().getWidth()).isPositive(); // still decoded: what could be read

        // Whole length, but scrambled entropy data: the end marker is there, the decoder warns.
        byte[] corrupt = whole.clone();
        for (int i = whole.length / 2; i < whole.length / 2 + 64; i++) {
            corrupt[i] = (byte) 0xff;
        }
        corrupt[whole.length / 2 + 64] = (byte) 0xd3; // an out-of-order restart marker
        DecodedImage warned = ImageDecoder.decodeChecked(corrupt);
        assertThat(warned.damaged()).isTrue();

        byte[] png = Files.readAllBytes(
                TestImages.write(dir.resolve("p.png"), TestImages.image("cats", new Random(3)), "png"));
        assertThat(ImageDecoder.damage(png)).isNull();
        assertThat(ImageDecoder.damage(Arrays.copyOf(png, png.length - 12))).contains("PNG file ends early");
    }

    @Test
    void aHalfJpegIsListedByTheScanAndMarkedInEveryPrediction() throws Exception {
        Path data = TestImages.splitDataset(dir.resolve("data"), 8, 3, 5);
        byte[] whole = jpeg(2);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        Path damagedFile = data.resolve("training_set/dogs/half.jpg");
        Files.write(damagedFile, half);
        Path loose = dir.resolve("loose");
        Files.createDirectories(loose);
        Files.write(loose.resolve("half.jpg"), half);
        Files.write(loose.resolve("whole.jpg"), whole);
        try (ModelService s = TestServices.service(dir.resolve("home"))) {
            Dataset d = s.openDataset(data).join();
            assertThat(d.damaged()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo(damagedFile);
                assertThat(f.reason()).contains("ends early");
            });
            assertThat(d.samples()).anyMatch(x -> x.path().equals(damagedFile)); // still used
            s.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();

            Prediction fromBytes = s.predict(half, "half.jpg").join();
            assertThat(fromBytes.damaged()).isTrue();
            assertThat(fromBytes.damage()).contains("ends early");
            assertThat(s.predict(whole, "whole.jpg").join().damaged()).isFalse();
            // Its features were computed during training and never cached: a second prediction says it again.
            assertThat(s.predict(damagedFile).join().damaged()).isTrue();

            Map<String, Prediction> byName = new ConcurrentHashMap<>();
            s.predictFolder(loose, new FileResults() {
                        @Override
                        public void predicted(Path file, Prediction p) {
                            byName.put(file.getFileName().toString(), p);
                        }

                        @Override
                        public void failed(Path file, String reason) {
                            throw new AssertionError(file + ": " + reason);
                        }
                    })
                    .join();
            assertThat(byName.get("half.jpg").damaged()).isTrue();
            assertThat(byName.get("whole.jpg").damaged()).isFalse();
        }
    }
}

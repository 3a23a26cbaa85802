package studio.catdog.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;

/**
 * Issue 10, defect 4: the device is read from the immutable current model, from any thread, while the
 * engine worker swaps models; without a model it comes from a probe that starts no engine.
 */
class DeviceDescriptionTest {

    @TempDir
    Path home;

    @Test
    void readingTheDeviceFromAnotherThreadWhileModelsChangeNeverFails() throws Exception {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data")), 8, 2, 9);
        BackboneSpec a =
                BackboneSpec.parse(TinyOnnx.write(home.resolve("a.onnx"), 1).toString());
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            boolean startedBefore = Engines.engineStarted();
            String before = service.deviceDescription();
            assertThat(before).isNotBlank();
            assertThat(Engines.engineStarted())
                    .as("describing the device starts no engine")
                    .isEqualTo(startedBefore);

            Dataset d = service.openDataset(data).join();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicInteger reads = new AtomicInteger();
            Thread reader = new Thread(
                    () -> {
                        while (!stop.get()) {
                            try {
                                assertThat(service.deviceDescription()).startsWith("CPU");
                                service.currentModel()
                                        .ifPresent(m ->
                                                assertThat(m.backbone().name()).isNotBlank());
                                reads.incrementAndGet();
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                        }
                    },
                    "device-reader");
            reader.start();
            TrainingSettings s = TrainingSettings.defaults().withEpochs(1);
            for (int i = 0; i < 3; i++) {
                service.train(d, BackboneSpec.tiny(), s, TrainingObserver.NONE).join();
                service.train(d, a, s, TrainingObserver.NONE).join();
            }
            stop.set(true);
            reader.join(10_000);
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(service.deviceDescription()).contains("OnnxRuntime");
        }
    }
}

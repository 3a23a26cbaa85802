package studio.catdog.serve;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** A tiny model trained on generated images and saved, for the server's tests. */
public final class ServeFixture {

    private ServeFixture() {}

    /**
     * Generates a data set, trains a tiny model on it and saves it.
     *
     * @param dir a temporary folder
     * @return the service with the model loaded
     * @throws Exception when training fails
     */
    public static ModelService trainedService(Path dir) throws Exception {
        Path data = TestImages.splitDataset(dir.resolve("data"), 12, 4, 5);
        ModelService service = TestServices.service(dir.resolve("home"));
        Dataset d = service.openDataset(data).get(60, TimeUnit.SECONDS);
        TrainingSettings s = TrainingSettings.defaults().withEpochs(4).withBatchSize(8);
        service.train(d, BackboneSpec.tiny(), s, new TrainingObserver() {}).get(120, TimeUnit.SECONDS);
        service.save(dir.resolve("model")).get(60, TimeUnit.SECONDS);
        return service;
    }

    /**
     * Holds the engine worker until released, so requests pile up behind it.
     *
     * @param service the service
     * @return the latch that releases it
     * @throws InterruptedException when interrupted while waiting for it to start
     */
    public static CountDownLatch blockEngine(ModelService service) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Job<Void> job = service.jobs().submit(JobKind.PREDICT, "holding the engine", c -> {
            running.countDown();
            release.await(60, TimeUnit.SECONDS);
            return null;
        });
        if (!running.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the engine worker did not start " + job);
        }
        return release;
    }
}

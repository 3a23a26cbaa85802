package studio.catdog.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/** Trains small models with the tiny backbone on generated images, for ViewModel tests that need one. */
public final class TrainedModels {

    private TrainedModels() {}

    /**
     * Opens the data set and trains a tiny model on it.
     *
     * @param service the service (the model becomes current)
     * @param data a folder from {@link TestImages#dataset}
     * @param epochs epochs
     * @param continueCurrent whether to continue from the current model
     * @return the data set
     * @throws Exception when training fails
     */
    public static Dataset train(ModelService service, Path data, int epochs, boolean continueCurrent) throws Exception {
        Dataset d = service.openDataset(data).get(60, TimeUnit.SECONDS);
        TrainingSettings s = TrainingSettings.defaults().withEpochs(epochs).withBatchSize(8);
        service.train(d, BackboneSpec.tiny(), s, new TrainingObserver() {}, continueCurrent)
                .get(120, TimeUnit.SECONDS);
        return d;
    }
}

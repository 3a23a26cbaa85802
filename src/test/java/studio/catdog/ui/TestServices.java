package studio.catdog.ui;

import java.nio.file.Path;
import studio.catdog.core.AppPaths;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.service.ModelService;

/** Model services whose files live in a test folder. */
public final class TestServices {

    private TestServices() {}

    /**
     * @param home a temporary folder
     * @return a service keeping models and caches under it
     */
    public static ModelService create(Path home) {
        Engines engines = new Engines();
        return new ModelService(engines, new BackboneFactory(engines),
                new AppPaths(home.resolve("data"), home.resolve("cache")), new FeatureExtractor(), new DatasetScanner());
    }
}

package studio.catdog.testing;

import java.nio.file.Path;
import studio.catdog.core.AppPaths;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.service.ModelService;

/** Builds model services whose caches live in a test folder. */
public final class TestServices {

    private TestServices() {}

    /**
     * A service with all files under {@code home}.
     *
     * @param home a temporary folder
     * @return the service
     */
    public static ModelService service(Path home) {
        Engines engines = new Engines();
        return new ModelService(engines, new BackboneFactory(engines),
                new AppPaths(home.resolve("data"), home.resolve("cache")), new FeatureExtractor(8, 1),
                new DatasetScanner(0.2, 42, home.resolve("cache/scans")));
    }
}

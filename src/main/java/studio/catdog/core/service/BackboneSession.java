package studio.catdog.core.service;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.TransferListener;
import studio.catdog.core.features.FeatureCache;

/**
 * An open backbone with its feature cache: the two belong together, since cached features are only
 * valid for the backbone (and preprocessing) that computed them. Opened, used and closed on the
 * engine worker only. Its {@link #info()} is immutable and safe to read anywhere.
 */
public final class BackboneSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackboneSession.class);

    private final BackboneSpec spec;
    private final FeatureLayer layer;
    private final Backbone backbone;
    private final FeatureCache cache;

    private BackboneSession(BackboneSpec spec, FeatureLayer layer, Backbone backbone, FeatureCache cache) {
        this.spec = spec;
        this.layer = layer;
        this.backbone = backbone;
        this.cache = cache;
    }

    /**
     * Opens a backbone and its feature cache (features are recomputed if the cache cannot be opened).
     *
     * @param factory opens backbones
     * @param spec which one
     * @param layer the feature layer asked for (the backbone's info says which it gives)
     * @param cacheDir where feature caches live
     * @param download download progress in bytes (a pinned backbone the first time); may be null
     * @param token cancels a download
     * @return the session
     */
    public static BackboneSession open(
            BackboneFactory factory,
            BackboneSpec spec,
            FeatureLayer layer,
            Path cacheDir,
            TransferListener download,
            CancellationToken token) {
        Backbone opened = factory.open(spec, layer, download, token);
        FeatureCache cache;
        try {
            cache = FeatureCache.open(
                    cacheDir,
                    opened.info().identity() + "|" + opened.preprocessing().id(),
                    opened.info().featureDim());
        } catch (IOException e) {
            log.warn("feature cache unavailable; features will be recomputed", e);
            cache = null;
        }
        log.info(
                "backbone {} ({} {} features) on {}",
                opened.info().name(),
                opened.info().featureDim(),
                opened.info().featureLayer(),
                opened.info().device());
        return new BackboneSession(spec, layer, opened, cache);
    }

    /** @return what was asked for */
    public BackboneSpec spec() {
        return spec;
    }

    /** @return the feature layer that was asked for (see {@link BackboneInfo#featureLayer()} for the one given) */
    public FeatureLayer requestedLayer() {
        return layer;
    }

    /** @return the backbone (engine worker only) */
    public Backbone backbone() {
        return backbone;
    }

    /** @return its feature cache, or null when it could not be opened (engine worker only) */
    public FeatureCache cache() {
        return cache;
    }

    /** @return the backbone's identity; immutable */
    public BackboneInfo info() {
        return backbone.info();
    }

    /**
     * @return the device it runs on, in the words of {@link studio.catdog.core.backbone.Engines#describeDevice()}
     *     with the engine added: "CPU (OnnxRuntime, 2 cores)" or "GPU 0 (CUDA, PyTorch)"
     */
    public String deviceDescription() {
        BackboneInfo i = info();
        return i.device().startsWith("gpu")
                ? "GPU 0 (CUDA, " + i.engine() + ")"
                : "CPU (" + i.engine() + ", " + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    @Override
    public void close() {
        if (cache != null) {
            try {
                cache.close();
            } catch (IOException e) {
                log.warn("closing feature cache failed", e);
            }
        }
        backbone.close();
    }
}

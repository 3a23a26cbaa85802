package studio.catdog.core.service;

import java.nio.file.Path;
import java.util.Optional;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.TransferListener;

/**
 * Holds the current model and at most one spare backbone session (one opened for a run that has not
 * committed, or the previous model's, kept so switching back is quick). Every method but
 * {@link #current()} runs on the engine worker.
 *
 * <p>The spare is never paired with a head: only {@link #commit} makes a backbone current, together
 * with the head trained on it, so a failed or cancelled run leaves the previous model exactly as it was.
 */
final class ModelSlot implements AutoCloseable {

    private final BackboneFactory factory;
    private final Path featureCacheDir;
    private volatile LoadedModel current;
    private BackboneSession spare;

    ModelSlot(BackboneFactory factory, Path featureCacheDir) {
        this.factory = factory;
        this.featureCacheDir = featureCacheDir;
    }

    /** @return the committed model; safe on any thread (the value is immutable) */
    Optional<LoadedModel> current() {
        return Optional.ofNullable(current);
    }

    /**
     * @param spec a backbone
     * @return the pinned file it needs when that is not downloaded yet
     */
    Optional<PinnedModel> missingDownload(BackboneSpec spec) {
        return factory.missingDownload(spec);
    }

    /**
     * @param spec a backbone
     * @return what it stands for on this machine ({@code resnet50} becomes a concrete form)
     */
    BackboneSpec resolve(BackboneSpec spec) {
        return factory.resolve(spec);
    }

    /**
     * @return the committed model
     * @throws CatdogException when there is none
     */
    LoadedModel require() {
        LoadedModel m = current;
        if (m == null) {
            throw new CatdogException("No model is loaded yet: train one or open a saved model first.");
        }
        return m;
    }

    /**
     * A session for this backbone: the current model's or the spare when they match, else a new one
     * (which becomes the spare; the old spare is closed). {@code resnet50} is first resolved to the
     * form it stands for here, so it matches a session of that form.
     *
     * @param requested the backbone
     * @param layer the feature layer
     * @param download download progress in bytes; may be null
     * @param token cancels a download
     * @return an open session; not yet paired with any head
     */
    BackboneSession session(
            BackboneSpec requested, FeatureLayer layer, TransferListener download, CancellationToken token) {
        BackboneSpec spec = factory.resolve(requested);
        LoadedModel m = current;
        if (m != null && matches(m.backbone(), spec, layer)) {
            return m.backbone();
        }
        if (spare != null && matches(spare, spec, layer)) {
            return spare;
        }
        BackboneSession opened = BackboneSession.open(factory, spec, layer, featureCacheDir, download, token);
        if (spare != null) {
            spare.close();
        }
        spare = opened;
        return opened;
    }

    private static boolean matches(BackboneSession s, BackboneSpec spec, FeatureLayer layer) {
        return s.spec().equals(spec) && s.requestedLayer() == layer;
    }

    /**
     * Makes a model current, whole. The previous head is closed; the previous backbone becomes the
     * spare unless the new model shares it.
     *
     * @param next the new model
     */
    void commit(LoadedModel next) {
        LoadedModel old = current;
        current = next;
        if (spare == next.backbone()) {
            spare = null;
        }
        if (old == null) {
            return;
        }
        if (old.head() != next.head()) {
            old.head().close();
        }
        if (old.backbone() != next.backbone()) {
            if (spare != null) {
                spare.close();
            }
            spare = old.backbone();
        }
    }

    /**
     * Replaces the current model's description (after a save), keeping head and backbone.
     *
     * @param saved the same model with its new folder and manifest
     */
    void update(LoadedModel saved) {
        LoadedModel m = current;
        if (m == null || m.head() != saved.head() || m.backbone() != saved.backbone()) {
            throw new IllegalStateException("only the current model's description can be updated");
        }
        current = saved;
    }

    @Override
    public void close() {
        LoadedModel m = current;
        current = null;
        if (m != null) {
            m.head().close();
            if (m.backbone() != spare) {
                m.backbone().close();
            }
        }
        if (spare != null) {
            spare.close();
            spare = null;
        }
    }
}

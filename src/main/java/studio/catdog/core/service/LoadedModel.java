package studio.catdog.core.service;

import java.nio.file.Path;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.storage.ModelManifest;

/**
 * A trained head together with the backbone it was trained on, its manifest and where it was saved.
 * Immutable: the service swaps the whole value at commit, so no code path can pair a head with
 * another backbone. The head and backbone themselves are used on the engine worker only.
 *
 * @param backbone the backbone and its feature cache
 * @param head the trained head
 * @param manifest what the model folder says (unsaved runs included)
 * @param savedAt the folder it was saved to or loaded from, null while unsaved
 */
public record LoadedModel(BackboneSession backbone, TrainedHead head, ModelManifest manifest, Path savedAt) {

    /**
     * @param folder the folder the model now lives in
     * @param savedManifest the manifest as written
     * @return the same model, saved
     */
    public LoadedModel savedTo(Path folder, ModelManifest savedManifest) {
        return new LoadedModel(backbone, head, savedManifest, folder);
    }

    /** @return the model for display; safe on any thread */
    public ModelSummary summary() {
        Double acc = manifest.metrics() == null ? null : manifest.metrics().testAccuracy();
        return new ModelSummary(head.classes(), backbone.info(), savedAt, acc == null ? Double.NaN : acc);
    }
}

package studio.catdog.core.service;

import java.nio.file.Path;
import studio.catdog.core.CatdogException;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;

/**
 * What the front ends may ask of a saved model folder without loading it: its checked manifest and whether it
 * carries a seal. The way in for the UI and the CLI, so that the storage package stays internal to the core.
 */
public final class ModelFolders {

    private ModelFolders() {}

    /**
     * Reads and checks a model folder's manifest.
     *
     * @param dir the model folder
     * @return the manifest
     * @throws CatdogException when the folder is not a complete, unchanged CatDog Studio model
     */
    public static ModelManifest readManifest(Path dir) {
        return ModelStore.readManifest(dir);
    }

    /**
     * Whether a model folder's {@code model.json} carries a seal (models saved before sealing existed do not; they
     * open with {@link #unsealedNotice}). Says nothing about whether the seal holds, which {@link #readManifest}
     * checks.
     *
     * @param dir the model folder
     * @return false for a model saved before sealing, true otherwise (also when the file is unreadable)
     */
    public static boolean isSealed(Path dir) {
        return ModelStore.isSealed(dir);
    }

    /**
     * The one-line notice for a model saved before {@code model.json} was sealed.
     *
     * @param dir the model folder
     * @return the notice
     */
    public static String unsealedNotice(Path dir) {
        return ModelStore.unsealedNotice(dir);
    }
}

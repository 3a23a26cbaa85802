package studio.catdog.core.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The contents of a model folder's {@code model.json}: everything needed to rebuild the classifier
 * and to refuse a backbone it was not trained for. Serialised with Gson; records keep it immutable.
 *
 * @param formatVersion the file format, {@link #FORMAT_VERSION}
 * @param app the application and version that wrote it
 * @param createdAt ISO-8601 time of saving
 * @param classes class names in label order
 * @param backbone the backbone the features came from
 * @param preprocessing image preprocessing used for those features
 * @param head the trained layers
 * @param training how it was trained
 * @param metrics test results at training time (may be null for an unevaluated model)
 * @param novelty the "neither" detector's file (may be null for a model without one)
 * @param earlierRuns the runs this model continued from, oldest first (empty for a fresh model)
 */
public record ModelManifest(
        int formatVersion,
        String app,
        String createdAt,
        List<String> classes,
        ManifestBackbone backbone,
        ManifestPreprocessing preprocessing,
        ManifestHead head,
        ManifestTraining training,
        ManifestMetrics metrics,
        ManifestNovelty novelty,
        List<ManifestRun> earlierRuns) {

    /** Treats a missing run history as empty. */
    public ModelManifest {
        earlierRuns = earlierRuns == null ? List.of() : List.copyOf(earlierRuns);
    }

    /**
     * The same manifest with another backbone source (the file it was opened from, in memory).
     *
     * @param source the backbone's source
     * @return the copy
     */
    public ModelManifest withBackboneSource(String source) {
        ManifestBackbone b = backbone;
        return new ModelManifest(
                formatVersion,
                app,
                createdAt,
                classes,
                new ManifestBackbone(b.kind(), b.name(), source, b.sha256(), b.featureDim(), b.featureLayer()),
                preprocessing,
                head,
                training,
                metrics,
                novelty,
                earlierRuns);
    }

    /** @return every run of this model, oldest first, the latest one last */
    public List<ManifestRun> runs() {
        List<ManifestRun> all = new ArrayList<>(earlierRuns);
        all.add(new ManifestRun(createdAt, training, metrics));
        return all;
    }

    /** The format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;
}

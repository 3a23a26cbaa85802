package studio.catdog.core.service;

import java.nio.file.Path;
import java.util.List;
import studio.catdog.core.backbone.BackboneInfo;

/**
 * What the current model is, for display. Immutable; safe to read from any thread.
 *
 * @param classes class names
 * @param backbone the backbone it runs on
 * @param savedAt the folder it was saved to or loaded from, null while unsaved
 * @param testAccuracy accuracy at training time, NaN when unknown
 */
public record ModelSummary(List<String> classes, BackboneInfo backbone, Path savedAt, double testAccuracy) {

    /** Copies the list. */
    public ModelSummary {
        classes = List.copyOf(classes);
    }
}

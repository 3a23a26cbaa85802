package studio.catdog.ui.browser;

import java.util.List;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;

/**
 * One change to the data set, undoable.
 *
 * @param id unique in this window
 * @param text what was done, in words
 * @param move the file move, or null for a "keep" decision
 * @param keptSamples the images a "keep" decision was about (one for a label, two or more for
 *     duplicates); empty for a move
 */
public record AuditChange(long id, String text, MoveRecord move, List<ImageSample> keptSamples) {

    /** Makes the list unmodifiable. */
    public AuditChange {
        keptSamples = List.copyOf(keptSamples);
    }
}

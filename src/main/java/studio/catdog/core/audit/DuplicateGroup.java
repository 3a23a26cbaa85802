package studio.catdog.core.audit;

import java.util.List;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;

/**
 * Images of one split that are near-duplicates of each other (connected by confirmed pairs).
 *
 * @param split the split they are all in
 * @param images two or more images, in data set order
 * @param minCosine the lowest similarity among the pairs that joined them
 */
public record DuplicateGroup(Split split, List<ImageSample> images, double minCosine) {

    /** Makes the list unmodifiable. */
    public DuplicateGroup {
        images = List.copyOf(images);
    }
}

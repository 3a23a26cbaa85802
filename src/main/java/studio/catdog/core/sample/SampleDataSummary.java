package studio.catdog.core.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sample data set holds and how it was made; kept in the data set's
 * {@code .catdog/sample-data.json}, so a second run can report it without doing anything.
 *
 * @param training images per class in {@code training_set} ({@code cats}, {@code dogs})
 * @param test images per class in {@code test_set}
 * @param skipped the files passed over, each with its reason (only those looked at: with a limit, the
 *     files after the last image taken are not looked at)
 * @param notices the archive's top-level documents copied into the data set folder (its licence,
 *     {@code CDLA-Permissive-2.0.pdf}, and its read-me), which travel with the images
 * @param ignoredEntries other archive entries outside {@code PetImages/Cat} and {@code PetImages/Dog}
 * @param limitPerClass the images taken per class at most; 0 for all
 * @param seed the seed of the order and the split
 * @param archiveBytes the archive's size
 * @param archiveSha256 the archive's SHA-256, for comparing with another copy (Microsoft publishes none)
 */
public record SampleDataSummary(
        Map<String, Integer> training,
        Map<String, Integer> test,
        List<SkippedImage> skipped,
        List<String> notices,
        List<String> ignoredEntries,
        int limitPerClass,
        long seed,
        long archiveBytes,
        String archiveSha256) {

    /** Copies the collections. */
    public SampleDataSummary {
        // In the classes' order (cats, then dogs), as the summary prints them.
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
        skipped = List.copyOf(skipped);
        notices = List.copyOf(notices);
        ignoredEntries = List.copyOf(ignoredEntries);
    }

    /** @return the images in both sets */
    public int images() {
        return training.values().stream().mapToInt(Integer::intValue).sum()
                + test.values().stream().mapToInt(Integer::intValue).sum();
    }
}

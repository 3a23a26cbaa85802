package studio.catdog.core.audit;

import java.util.Set;

/**
 * The "keep" decisions at one moment, immutable.
 *
 * @param keptImages content hashes of images whose label the user confirmed
 * @param keptPairs {@link DuplicatePair#keyOf} of pairs the user kept
 */
public record KeptFindings(Set<String> keptImages, Set<String> keptPairs) {

    /** No decisions. */
    public static final KeptFindings NONE = new KeptFindings(Set.of(), Set.of());

    /** Copies the sets. */
    public KeptFindings {
        keptImages = Set.copyOf(keptImages);
        keptPairs = Set.copyOf(keptPairs);
    }
}

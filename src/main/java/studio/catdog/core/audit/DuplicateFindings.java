package studio.catdog.core.audit;

import java.util.List;

/**
 * What the duplicate search found.
 *
 * @param groups near-duplicate groups inside one split, largest first
 * @param leaks confirmed pairs across training and test, most similar first
 * @param candidates every pair over the similarity threshold, confirmed or not, most similar first
 * @param keptHidden confirmed pairs left out because the user kept them
 * @param similaritySeconds time of the similarity search
 * @param hashSeconds time of decoding and hashing the candidates' pictures
 */
public record DuplicateFindings(
        List<DuplicateGroup> groups,
        List<DuplicatePair> leaks,
        List<DuplicatePair> candidates,
        int keptHidden,
        double similaritySeconds,
        double hashSeconds) {}

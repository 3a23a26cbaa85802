package studio.catdog.core.audit;

import java.nio.file.Path;
import java.util.List;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;

/**
 * A labelled image (training or test) whose label the evidence disagrees with: the out-of-fold model and
 * the labels of its nearest images ({@link LabelAudit#rank}). Carries the evidence itself, so a person can
 * judge before moving anything: the nearest images of the given class and of the suggested class.
 *
 * @param sample the image (path, given label, split, content hash)
 * @param givenClass the class folder it is filed under
 * @param suggestedClass the class with the most evidence
 * @param score how strongly the evidence disagrees: evidence(suggested) - evidence(given), from 0 to 1
 * @param probabilities the out-of-fold probability of each class, in class order
 * @param neighbourShares the share of its {@link LabelAudit#NEIGHBOURS} nearest images labelled with each
 *     class, in class order
 * @param tier {@link SuspectTier#LIKELY} when both kinds of evidence agree strongly, else
 *     {@link SuspectTier#POSSIBLE}; a list of suspects holds the likely ones first
 * @param givenClassNeighbours the nearest images labelled with the given class, most similar first
 * @param suggestedClassNeighbours the nearest images labelled with the suggested class, most similar first
 */
public record LabelSuspect(
        ImageSample sample,
        String givenClass,
        String suggestedClass,
        double score,
        double[] probabilities,
        double[] neighbourShares,
        SuspectTier tier,
        List<ImageSample> givenClassNeighbours,
        List<ImageSample> suggestedClassNeighbours) {

    /** Copies the arrays and makes the lists unmodifiable. */
    public LabelSuspect {
        probabilities = probabilities.clone();
        neighbourShares = neighbourShares.clone();
        givenClassNeighbours = List.copyOf(givenClassNeighbours);
        suggestedClassNeighbours = List.copyOf(suggestedClassNeighbours);
    }

    /**
     * A suspect without neighbour evidence (probabilities only), as the tests of the views build them.
     *
     * @param sample the image
     * @param givenClass its class folder
     * @param suggestedClass the class suggested
     * @param score the disagreement
     * @param probabilities the out-of-fold probabilities
     * @param tier the tier
     */
    public LabelSuspect(
            ImageSample sample,
            String givenClass,
            String suggestedClass,
            double score,
            double[] probabilities,
            SuspectTier tier) {
        this(sample, givenClass, suggestedClass, score, probabilities, new double[0], tier, List.of(), List.of());
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double[] neighbourShares() {
        return neighbourShares.clone();
    }

    /** @return whether both kinds of evidence agree strongly ({@link SuspectTier#LIKELY}) */
    public boolean likely() {
        return tier == SuspectTier.LIKELY;
    }

    /** @return the image's split: a test image's label is audited too */
    public Split split() {
        return sample.split();
    }

    /** @return the image file */
    public Path file() {
        return sample.path();
    }

    /** @return the image's content hash, by which a "keep" decision is remembered */
    public String sha256() {
        return sample.sha256();
    }
}

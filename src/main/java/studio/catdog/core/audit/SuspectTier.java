package studio.catdog.core.audit;

import java.util.Locale;

/**
 * How strong the evidence is that a labelled image is mislabelled, and what that has meant when measured
 * (BENCHMARKS.md, "Findings you can trust"). Every suspect's evidence ({@link LabelAudit#evidence}) favours
 * another class than its label; a ranked list holds every {@link #LIKELY} suspect before any
 * {@link #POSSIBLE} one.
 */
public enum SuspectTier {

    /**
     * Both kinds of evidence agree strongly where the neighbours can be trusted: at most one of its 20 nearest
     * images carries its label, a model that never saw it gives its label at most 10%, and around it the
     * neighbours agree with the labels ({@link LabelAudit#LIKELY_MIN_AGREEMENT}).
     */
    LIKELY("Both kinds of evidence agree, where the neighbours can be trusted: at most 1 of its 20 most similar"
            + " images carries its label, a model that never saw it gives that label at most 10 %, and among images"
            + " whose nearest images are as close as its own, at least 85 % of the neighbours share the image's"
            + " label. Measured on the cat-and-dog photos with 0.5-2 % of the training labels planted wrong (9 runs):"
            + " 99 % of these were wrong labels (351 of 365 planted, 9 a real error); the other 5 were one photo"
            + " of a large dog with a small kitten, filed as a cat. On the untouched photos: those two (a beagle"
            + " filed as a cat, the real error; the dog with the kitten)."),

    /**
     * The evidence favours another class, but not both kinds strongly, or the neighbours are far: worth a look,
     * often a correct label.
     */
    POSSIBLE("The evidence leans to another class, but not both kinds strongly, or its nearest images are too far"
            + " to be trusted (a tiny or odd photo). Measured with planted errors: 8 % of these were wrong labels"
            + " (67 of 815); on the untouched photos none of the first 10 was: they are unusual photos with the"
            + " right label (fluffy dogs, black-and-white cats, two kittens in a tiny photo). Look before you move"
            + " one.");

    private final String measured;

    SuspectTier(String measured) {
        this.measured = measured;
    }

    /** @return {@code likely} or {@code possible}, as the JSON and the table write it */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return what the tier means and how often it was right when measured, in plain English */
    public String measured() {
        return measured;
    }
}

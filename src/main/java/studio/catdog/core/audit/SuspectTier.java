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
     * Both kinds of evidence agree strongly: at most one of its 20 nearest images carries its label and a
     * model that never saw it gives its label at most 10%.
     */
    LIKELY("Both kinds of evidence agree: at most 1 of its 20 most similar images carries its label, and a model"
            + " that never saw it gives that label at most 10 %. Measured on the cat-and-dog photos with 0.5-2 % of"
            + " the training labels planted wrong (9 runs): 98 % of these were wrong labels (363 of 378 planted, 9 a"
            + " real error); on the untouched photos 1 of 2 was (a beagle filed as a cat; the other, two kittens,"
            + " is labelled right)."),

    /** The evidence favours another class, but not both kinds strongly: worth a look, often a correct label. */
    POSSIBLE("The evidence leans to another class, but not both kinds strongly. Measured with planted errors: 7 %"
            + " of these were wrong labels (57 of 791); on the untouched photos none of the first 8 was: they are"
            + " unusual photos with the right label (fluffy dogs, black cats, a puppy). Look before you move one.");

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

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
    LIKELY("TODO"),

    /** The evidence favours another class, but not both kinds strongly: worth a look, often a correct label. */
    POSSIBLE("TODO");

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

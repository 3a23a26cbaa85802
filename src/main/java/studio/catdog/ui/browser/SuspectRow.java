package studio.catdog.ui.browser;

import studio.catdog.core.audit.LabelAudit;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;

/**
 * A likely label error.
 *
 * @param rank 1 for the most likely
 * @param suspect what the audit found
 * @param item the image and what the user did to it
 */
public record SuspectRow(int rank, LabelSuspect suspect, AuditItem item) {

    /** @return "looks like dogs (p 0.97), filed as cats (p 0.03)" */
    public String verdict() {
        return Messages.get("audit.suspectVerdict", suspect.givenClass(), suspect.suggestedClass());
    }

    /** @return "likely label error" (both kinds of evidence agree strongly) or "possible label error" */
    public String tierText() {
        return suspect.likely() ? Messages.get("audit.tier.likely") : Messages.get("audit.tier.possible");
    }

    /** @return what the tier means and how often it was right when measured, in plain words */
    public String tierMeasured() {
        return suspect.likely()
                ? Messages.get("audit.tier.likely.measured")
                : Messages.get("audit.tier.possible.measured");
    }

    /** @return whether the suspect is a test image (its label counts against the model in Mistakes) */
    public boolean testImage() {
        return suspect.split() == Split.TEST;
    }

    /**
     * @return the evidence in words: how many of its nearest images carry its label, and what a model that
     *     never saw it says; where its nearest images are far, that they counted for less
     */
    public String evidenceText() {
        double[] share = suspect.neighbourShares();
        double[] p = suspect.probabilities();
        int given = item.sample().label();
        if (share.length <= given || given < 0 || p.length <= given) {
            return "";
        }
        long agreeing = Math.round(share[given] * LabelAudit.NEIGHBOURS);
        String evidence = Messages.get(
                "audit.suspect.evidence",
                agreeing,
                LabelAudit.NEIGHBOURS,
                suspect.givenClass(),
                Formats.percent(p[given]));
        return suspect.farNeighbours()
                ? evidence + " "
                        + Messages.get("audit.suspect.farNeighbours", Formats.percent(suspect.neighbourAgreement()))
                : evidence;
    }

    /** @return the disagreement in words: "score 0.94 · p(dogs) 97 %" */
    public String scoreText() {
        double[] p = suspect.probabilities();
        return Messages.get("audit.score", Formats.decimal(suspect.score(), 2))
                + (p == null ? "" : " · p(" + suspect.suggestedClass() + ") " + Formats.percent(max(p)));
    }

    private static double max(double[] p) {
        double m = 0;
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}

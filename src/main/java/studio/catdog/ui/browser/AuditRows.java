package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.List;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.LabelAudit;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;

/**
 * The rows the audit views show and the changes they list: plain values, made by {@link AuditViewModel}
 * and the tabs' ViewModels it owns.
 */
public final class AuditRows {

    private AuditRows() {}

    /** What the user has done to an image shown in the audit. */
    public enum Status {
        /** Nothing yet: the actions are offered. */
        OPEN,
        /** A move or undo of this image is running. */
        WORKING,
        /** Moved to another class folder. */
        MOVED,
        /** Moved into {@code excluded/}. */
        EXCLUDED,
        /** Its label was confirmed ("keep"). */
        KEPT
    }

    /**
     * One image of a finding and what became of it.
     *
     * @param sample the image as the audit saw it (its path then, its content hash)
     * @param className the class folder it is in now
     * @param path where the file is now
     * @param status what the user did to it
     */
    public record Item(ImageSample sample, String className, Path path, Status status) {

        /** @return whether move, exclude and keep are offered */
        public boolean actionable() {
            return status == Status.OPEN;
        }

        /** @return the file name, for captions */
        public String fileName() {
            return path.getFileName().toString();
        }

        /** @return "training · cats" */
        public String where() {
            return Formats.split(sample.split()) + " · " + className;
        }

        /** @return the state in words: "", "Moved to dogs", "Excluded", "Kept as cats", "Working…" */
        public String statusText() {
            return switch (status) {
                case OPEN -> "";
                case WORKING -> Messages.get("audit.status.working");
                case MOVED -> Messages.get("audit.status.moved", className);
                case EXCLUDED -> Messages.get("audit.status.excluded");
                case KEPT -> Messages.get("audit.status.kept", className);
            };
        }

        Item with(Status s, String cls, Path p) {
            return new Item(sample, cls, p, s);
        }

        /** An image as a report found it: in its class folder, nothing done to it yet. */
        static Item audited(ImageSample s, AuditReport r) {
            String cls = s.label() >= 0 && s.label() < r.classes().size()
                    ? r.classes().get(s.label())
                    : "?";
            return new Item(s, cls, s.path(), Status.OPEN);
        }
    }

    /**
     * A likely label error.
     *
     * @param rank 1 for the most likely
     * @param suspect what the audit found
     * @param item the image and what the user did to it
     */
    public record SuspectRow(int rank, LabelSuspect suspect, Item item) {

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
         *     never saw it says
         */
        public String evidenceText() {
            double[] share = suspect.neighbourShares();
            double[] p = suspect.probabilities();
            int given = item.sample().label();
            if (share.length <= given || given < 0 || p.length <= given) {
                return "";
            }
            long agreeing = Math.round(share[given] * LabelAudit.NEIGHBOURS);
            return Messages.get(
                    "audit.suspect.evidence",
                    agreeing,
                    LabelAudit.NEIGHBOURS,
                    suspect.givenClass(),
                    Formats.percent(p[given]));
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

    /** Whether a duplicate finding is inside one split or across training and test. */
    public enum DuplicateKind {
        /** A training image and a test image: the test set measures memory, not generalisation. */
        LEAK,
        /** Two or more near-identical images inside one split. */
        GROUP
    }

    /**
     * A near-duplicate finding: a leak (two images) or a group (two or more), shown side by side.
     *
     * @param kind leak or group
     * @param split for a group, its split; for a leak, null
     * @param items the images, training first
     * @param cosine the lowest feature similarity among them
     * @param hashDistance bits in which the perceptual hashes differ (a leak), -1 for a group
     * @param kept whether the user said they are not duplicates (or wants them all)
     */
    public record DuplicateRow(
            DuplicateKind kind, Split split, List<Item> items, double cosine, int hashDistance, boolean kept) {

        /** Makes the list unmodifiable. */
        public DuplicateRow {
            items = List.copyOf(items);
        }

        /** @return "Leaked into test" or "3 near-duplicates in training" */
        public String title() {
            return kind == DuplicateKind.LEAK
                    ? Messages.get("audit.leakTitle")
                    : Messages.get("audit.groupTitle", items.size(), Formats.split(split));
        }

        /** @return "cosine 0.987 · hash 3 of 64 bits differ" */
        public String detail() {
            return Messages.get("audit.similarity", Formats.decimal(cosine, 3))
                    + (hashDistance >= 0 ? Messages.get("audit.hashDistance", hashDistance) : "")
                    + (kept ? Messages.get("audit.keptNotReported") : "");
        }

        DuplicateRow withItems(List<Item> next) {
            return new DuplicateRow(kind, split, next, cosine, hashDistance, kept);
        }

        DuplicateRow withKept(boolean k) {
            return new DuplicateRow(kind, split, items, cosine, hashDistance, k);
        }
    }

    /**
     * One change to the data set, undoable.
     *
     * @param id unique in this window
     * @param text what was done, in words
     * @param move the file move, or null for a "keep" decision
     * @param keptSamples the images a "keep" decision was about (one for a label, two or more for
     *     duplicates); empty for a move
     */
    public record Change(long id, String text, MoveRecord move, List<ImageSample> keptSamples) {

        /** Makes the list unmodifiable. */
        public Change {
            keptSamples = List.copyOf(keptSamples);
        }
    }
}

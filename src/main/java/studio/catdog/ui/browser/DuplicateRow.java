package studio.catdog.ui.browser;

import java.util.List;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;

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
        AuditRows.DuplicateKind kind,
        Split split,
        List<AuditItem> items,
        double cosine,
        int hashDistance,
        boolean kept) {

    /** Makes the list unmodifiable. */
    public DuplicateRow {
        items = List.copyOf(items);
    }

    /** @return "Leaked into test" or "3 near-duplicates in training" */
    public String title() {
        return kind == AuditRows.DuplicateKind.LEAK
                ? Messages.get("audit.leakTitle")
                : Messages.get("audit.groupTitle", items.size(), Formats.split(split));
    }

    /** @return "cosine 0.987 · hash 3 of 64 bits differ" */
    public String detail() {
        return Messages.get("audit.similarity", Formats.decimal(cosine, 3))
                + (hashDistance >= 0 ? Messages.get("audit.hashDistance", hashDistance) : "")
                + (kept ? Messages.get("audit.keptNotReported") : "");
    }

    DuplicateRow withItems(List<AuditItem> next) {
        return new DuplicateRow(kind, split, next, cosine, hashDistance, kept);
    }

    DuplicateRow withKept(boolean k) {
        return new DuplicateRow(kind, split, items, cosine, hashDistance, k);
    }
}

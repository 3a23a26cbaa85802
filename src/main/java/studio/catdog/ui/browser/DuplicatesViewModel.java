package studio.catdog.ui.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.DuplicateGroup;
import studio.catdog.core.audit.DuplicatePair;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.ui.browser.AuditRows.DuplicateKind;
import studio.catdog.ui.common.Messages;

/**
 * The "Near-duplicates" tab's state: the audit's leaks (a training image and its copy in test) and
 * groups (copies inside one split), what the tab shows without any, and a finding's own action ("not
 * duplicates"). Owned by {@link AuditViewModel}, which shows each report here; used on the UI thread
 * only.
 */
final class DuplicatesViewModel implements AuditImageActions.Rows {

    /** The placeholder while the open data set was not audited. */
    static final String NOT_AUDITED = Messages.get("audit.duplicatesNotAudited");

    private final AuditImageActions actions;
    private final ObservableList<DuplicateRow> duplicates = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "duplicatesPlaceholder");

    /** @param actions records the "not duplicates" decisions */
    DuplicatesViewModel(AuditImageActions actions) {
        this.actions = actions;
    }

    /**
     * Shows a report's findings: leaks first (training image first), then groups.
     *
     * @param r the report
     */
    void show(AuditReport r) {
        List<DuplicateRow> rows = new ArrayList<>();
        for (DuplicatePair p : r.leaks()) {
            ImageSample train = p.first().split() == Split.TRAIN ? p.first() : p.second();
            ImageSample test = train == p.first() ? p.second() : p.first();
            rows.add(new DuplicateRow(
                    DuplicateKind.LEAK,
                    null,
                    List.of(AuditItem.audited(train, r), AuditItem.audited(test, r)),
                    p.cosine(),
                    p.hashDistance(),
                    false));
        }
        for (DuplicateGroup g : r.groups()) {
            rows.add(new DuplicateRow(
                    DuplicateKind.GROUP,
                    g.split(),
                    g.images().stream().map(s -> AuditItem.audited(s, r)).toList(),
                    g.minCosine(),
                    -1,
                    false));
        }
        duplicates.setAll(rows);
        placeholder.set(Messages.get("audit.noDuplicates"));
    }

    /**
     * Removes every finding.
     *
     * @param why what the tab shows instead
     */
    void clear(String why) {
        duplicates.clear();
        placeholder.set(why);
    }

    /**
     * Says that the images of a finding are not duplicates (or are all wanted): the pairs are
     * remembered and not reported again.
     *
     * @param row the finding
     * @return completes on the UI thread (false when it could not be recorded; the reason is shown)
     */
    CompletableFuture<Boolean> keepDuplicates(DuplicateRow row) {
        DuplicateRow now = currentRow(row);
        if (!actions.canEdit() || now == null || now.kept()) {
            return CompletableFuture.completedFuture(false);
        }
        List<ImageSample> samples = samples(now);
        String names = String.join(
                Messages.get("audit.namesJoiner"),
                now.items().stream().map(AuditItem::fileName).toList());
        String kept = Messages.get("audit.keptNotDuplicates", names);
        String keeping = Messages.get("audit.keepingNotDuplicates", names);
        return actions.keep(List.of(), samples, kept, keeping, e -> {
                    for (int a = 0; a < samples.size(); a++) {
                        for (int b = a + 1; b < samples.size(); b++) {
                            e.keepPair(samples.get(a).sha256(), samples.get(b).sha256());
                        }
                    }
                })
                .thenApply(ok -> {
                    if (ok) {
                        int k = duplicates.indexOf(now);
                        if (k >= 0) {
                            duplicates.set(k, now.withKept(true));
                        }
                    }
                    return ok;
                });
    }

    /**
     * Shows the kept findings of exactly these images as open again (their "keep" was undone).
     *
     * @param samples the images, in the finding's order
     */
    void forgetKept(List<ImageSample> samples) {
        for (int k = 0; k < duplicates.size(); k++) {
            DuplicateRow r = duplicates.get(k);
            if (r.kept() && samples(r).equals(samples)) {
                duplicates.set(k, r.withKept(false));
            }
        }
    }

    @Override
    public AuditItem find(ImageSample sample) {
        for (DuplicateRow r : duplicates) {
            for (AuditItem i : r.items()) {
                if (i.sample().equals(sample)) {
                    return i;
                }
            }
        }
        return null;
    }

    @Override
    public void updateWhere(Predicate<AuditItem> which, UnaryOperator<AuditItem> change) {
        for (int k = 0; k < duplicates.size(); k++) {
            DuplicateRow r = duplicates.get(k);
            if (r.items().stream().anyMatch(which)) {
                duplicates.set(
                        k,
                        r.withItems(r.items().stream()
                                .map(i -> which.test(i) ? change.apply(i) : i)
                                .toList()));
            }
        }
    }

    /**
     * @param row a finding
     * @return its images as the audit saw them, in the finding's order
     */
    static List<ImageSample> samples(DuplicateRow row) {
        return row.items().stream().map(AuditItem::sample).toList();
    }

    private DuplicateRow currentRow(DuplicateRow row) {
        List<ImageSample> samples = samples(row);
        return duplicates.stream()
                .filter(r -> samples(r).equals(samples))
                .findFirst()
                .orElse(null);
    }

    /** @return leaks first, then groups inside a split */
    ObservableList<DuplicateRow> duplicates() {
        return duplicates;
    }

    /** @return what the tab shows when it has no rows */
    ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }
}

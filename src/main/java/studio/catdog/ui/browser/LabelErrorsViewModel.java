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
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.ui.common.Messages;

/**
 * The "Possible label errors" tab's state: the audit's ranked suspects, what the tab shows without
 * any, and the suspect's own actions (move to the suggested class, keep the label). Owned by
 * {@link AuditViewModel}, which shows each report here; used on the UI thread only.
 */
final class LabelErrorsViewModel implements AuditImageActions.Rows {

    /** The placeholder while the open data set was not audited. */
    static final String NOT_AUDITED = Messages.get("audit.labelErrorsNotAudited");

    private final AuditImageActions actions;
    private final ObservableList<SuspectRow> suspects = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "suspectsPlaceholder");

    /** @param actions moves and keeps the images */
    LabelErrorsViewModel(AuditImageActions actions) {
        this.actions = actions;
    }

    /**
     * Shows a report's suspects, ranked as the report lists them.
     *
     * @param r the report
     */
    void show(AuditReport r) {
        List<SuspectRow> rows = new ArrayList<>();
        int rank = 1;
        for (LabelSuspect s : r.suspects()) {
            rows.add(new SuspectRow(rank++, s, AuditItem.audited(s.sample(), r)));
        }
        suspects.setAll(rows);
        placeholder.set(r.keptHidden() > 0 ? Messages.get("audit.noSuspectsKept") : Messages.get("audit.noSuspects"));
    }

    /**
     * Removes every suspect.
     *
     * @param why what the tab shows instead
     */
    void clear(String why) {
        suspects.clear();
        placeholder.set(why);
    }

    /**
     * Moves a suspect to the class the audit suggests.
     *
     * @param row the suspect
     * @return completes on the UI thread (null when nothing moved; the reason is shown)
     */
    CompletableFuture<MoveRecord> acceptSuggestion(SuspectRow row) {
        return actions.move(row.item(), row.suspect().suggestedClass());
    }

    /**
     * Keeps a suspect's label: remembered in the data set's journal, so later audits do not suggest
     * it again.
     *
     * @param row the suspect
     * @return completes on the UI thread (false when it could not be recorded; the reason is shown)
     */
    CompletableFuture<Boolean> keep(SuspectRow row) {
        AuditItem item = actions.current(row.item());
        if (!actions.canEdit() || !item.actionable()) {
            return CompletableFuture.completedFuture(false);
        }
        return actions.keep(
                List.of(item),
                List.of(item.sample()),
                Messages.get("audit.keptAs", item.fileName(), item.className()),
                Messages.get("audit.keepingAs", item.fileName(), item.className()),
                e -> e.keep(item.sample().sha256(), item.path()));
    }

    @Override
    public AuditItem find(ImageSample sample) {
        for (SuspectRow r : suspects) {
            if (r.item().sample().equals(sample)) {
                return r.item();
            }
        }
        return null;
    }

    @Override
    public void updateWhere(Predicate<AuditItem> which, UnaryOperator<AuditItem> change) {
        for (int k = 0; k < suspects.size(); k++) {
            SuspectRow r = suspects.get(k);
            if (which.test(r.item())) {
                suspects.set(k, new SuspectRow(r.rank(), r.suspect(), change.apply(r.item())));
            }
        }
    }

    /** @return likely label errors, most likely first */
    ObservableList<SuspectRow> suspects() {
        return suspects;
    }

    /** @return what the tab shows when it has no rows */
    ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }
}

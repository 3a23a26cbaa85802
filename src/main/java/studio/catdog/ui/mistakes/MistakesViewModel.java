package studio.catdog.ui.mistakes;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.ClassMetrics;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.EvaluationMemory;
import studio.catdog.ui.common.EvaluationOrigin;
import studio.catdog.ui.common.Explanations;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The mistakes workspace's state: the last evaluation's confusion matrix, per-class metrics and the
 * misclassified test images (most confidently wrong first), filtered by a chosen matrix cell.
 */
public final class MistakesViewModel {

    private final ModelService service;
    private final Session session;
    private final UiJobs jobs;
    private final ObservableList<Misclassified> shown = FXCollections.observableArrayList();
    private final ObservableList<ClassMetrics> metrics = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ConfusionCell> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");
    private final ReadOnlyBooleanWrapper evaluating = new ReadOnlyBooleanWrapper(this, "evaluating");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private EvaluationOrigin origin;

    /**
     * @param service evaluates a loaded model
     * @param session holds the evaluation
     * @param executor moves results to the UI thread
     */
    public MistakesViewModel(ModelService service, Session session, TaskExecutor executor) {
        this.service = service;
        this.session = session;
        this.jobs = new UiJobs(executor, session);
        session.evaluationProperty().addListener((o, a, r) -> show(r));
        show(session.evaluationProperty().get());
    }

    /**
     * Says where the evaluation on show comes from: made at a time in this session, or kept from an earlier one.
     *
     * @param origins the evaluation's origin, as {@link EvaluationMemory} tells it
     */
    public void showOrigin(ReadOnlyObjectProperty<EvaluationOrigin> origins) {
        origins.addListener((o, a, now) -> {
            origin = now;
            showStatus();
        });
        origin = origins.get();
        showStatus();
    }

    private void showStatus() {
        if (evaluating.get()) {
            status.set(Messages.get("mistakes.evaluating"));
        } else if (session.evaluationProperty().get() == null || origin == null) {
            status.set("");
        } else if (origin.kept()) {
            status.set(Messages.get(
                    "mistakes.keptEvaluation",
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                            .format(origin.at().atZone(ZoneId.systemDefault()))));
        } else {
            status.set(Messages.get(
                    "mistakes.evaluatedAt",
                    DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                            .format(origin.at().atZone(ZoneId.systemDefault()))));
        }
    }

    private void show(EvaluationReport r) {
        selected.set(null);
        showStatus();
        if (r == null) {
            metrics.clear();
            shown.clear();
            summary.set("");
            placeholder.set(Messages.get("mistakes.placeholderNoEvaluation"));
            return;
        }
        metrics.setAll(r.perClass());
        summary.set(Messages.get(
                "mistakes.summary",
                Formats.percent(r.accuracy()),
                r.images(),
                r.misclassified().size(),
                Double.isNaN(r.rocAuc()) ? "" : Messages.get("mistakes.rocAuc", Formats.decimal(r.rocAuc(), 3))));
        refilter();
    }

    /**
     * Shows only the mistakes of one confusion-matrix cell; choosing it again shows all.
     *
     * @param cell the cell
     */
    public void toggleCell(ConfusionCell cell) {
        selected.set(cell.equals(selected.get()) ? null : cell);
        refilter();
    }

    /** Shows every mistake again. */
    public void showAll() {
        selected.set(null);
        refilter();
    }

    private void refilter() {
        EvaluationReport r = session.evaluationProperty().get();
        if (r == null) {
            shown.clear();
            return;
        }
        ConfusionCell c = selected.get();
        if (c != null && c.trueIndex() == c.predictedIndex()) {
            shown.clear();
            placeholder.set(Messages.get(
                    "mistakes.correctCell",
                    r.confusion()[c.trueIndex()][c.predictedIndex()],
                    r.classes().get(c.trueIndex())));
            return;
        }
        shown.setAll(r.misclassified().stream()
                .filter(m -> c == null
                        || (m.trueClass().equals(r.classes().get(c.trueIndex()))
                                && m.predictedClass().equals(r.classes().get(c.predictedIndex()))))
                .toList());
        placeholder.set(r.misclassified().isEmpty() ? Messages.get("mistakes.none") : "");
    }

    /**
     * Evaluates the current model on the open data set's test images.
     *
     * @return completes on the UI thread
     */
    public CompletableFuture<EvaluationReport> evaluate() {
        Dataset d = session.datasetProperty().get();
        if (d == null || service.currentModel().isEmpty()) {
            session.reportError(Messages.get("mistakes.needsModel"));
            return CompletableFuture.completedFuture(null);
        }
        evaluating.set(true);
        progress.set(-1);
        showStatus();
        return jobs.job(() -> service.evaluate(d))
                .onProgress(p -> progress.set(p.fraction()))
                .onDone(() -> {
                    evaluating.set(false);
                    showStatus();
                })
                .onSuccess(session.evaluationProperty()::set)
                .reportFailureAs(Messages.get("mistakes.what"))
                .treatCancelAsFailure()
                .start();
    }

    /**
     * @param m a mistake
     * @return "true cats, predicted dogs (93.1 %)", and when the audit suspects the image's own label, that the
     *     label may be wrong
     */
    public String describe(Misclassified m) {
        EvaluationReport r = session.evaluationProperty().get();
        int idx = r == null ? -1 : r.classes().indexOf(m.predictedClass());
        float p = idx < 0 ? Float.NaN : m.probabilities()[idx];
        String text = Messages.get("mistakes.describe", m.trueClass(), m.predictedClass(), Formats.percent(p));
        LabelSuspect s = labelSuspect(m);
        return s == null ? text : text + " · " + Messages.get("mistakes.labelMayBeWrong", s.suggestedClass());
    }

    /**
     * The last audit's suspect for a wrong test image: its label, not the model, may be what is wrong.
     *
     * @param m a mistake
     * @return the suspect, or null when the audit did not suspect its label (or there was no audit)
     */
    public LabelSuspect labelSuspect(Misclassified m) {
        AuditReport a = session.auditProperty().get();
        if (a == null) {
            return null;
        }
        Path file = m.path().toAbsolutePath().normalize();
        for (LabelSuspect s : a.suspects()) {
            if (s.split() == Split.TEST && s.file().toAbsolutePath().normalize().equals(file)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Explains the current model's answer for a mistake: which parts of the image it depends on.
     *
     * @param m a mistake
     * @return completes on the UI thread
     */
    public CompletableFuture<Saliency> explain(Misclassified m) {
        return Explanations.explain(service, jobs, m.path(), null);
    }

    /** @return the mistakes shown, most confidently wrong first */
    public ObservableList<Misclassified> shownMistakes() {
        return shown;
    }

    /** @return precision, recall and F1 per class */
    public ObservableList<ClassMetrics> metrics() {
        return metrics;
    }

    /** @return the selected cell, null for all */
    public ReadOnlyObjectProperty<ConfusionCell> selectedCellProperty() {
        return selected.getReadOnlyProperty();
    }

    /** @return the evaluation in one line */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return what to show when no mistakes are listed */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** @return the running evaluation's progress 0..1, negative while unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * @return what the evaluation on show is, in words: "Evaluating…" while one runs, when it was made, or that it was
     *     kept from an earlier session; "" when there is none
     */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** @return whether an evaluation runs */
    public ReadOnlyBooleanProperty evaluatingProperty() {
        return evaluating.getReadOnlyProperty();
    }

    /** @return the evaluation shown */
    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() {
        return session.evaluationProperty();
    }
}

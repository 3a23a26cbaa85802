package studio.catdog.ui.common;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.Failures;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.service.ModelSummary;

/**
 * The state the workspaces share: the open data set, the current model and its last evaluation,
 * and the error to show. One instance per window, passed by constructor; touched only on the UI
 * thread.
 */
public final class Session implements ErrorReporter {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ObjectProperty<ModelSummary> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<EvaluationReport> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final ObjectProperty<AuditReport> audit = new SimpleObjectProperty<>(this, "audit");
    private final StringProperty device = new SimpleStringProperty(this, "device", Messages.get("common.findingOut"));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    /** @return the open data set (null when none) */
    public ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    /** @return the current model (null when none) */
    public ObjectProperty<ModelSummary> modelProperty() {
        return model;
    }

    /**
     * @return the last audit of the open data set (null when none): Mistakes marks a wrong test image whose label is
     *     itself a suspect
     */
    public ObjectProperty<AuditReport> auditProperty() {
        return audit;
    }

    /** @return the last evaluation of the current model (null when none) */
    public ObjectProperty<EvaluationReport> evaluationProperty() {
        return evaluation;
    }

    /** @return the device models run on, in words */
    public StringProperty deviceProperty() {
        return device;
    }

    /** @return the error to show the user, null when none */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Shows an error in plain words and logs it.
     *
     * @param what what was being done ("Opening the data set")
     * @param e the failure
     */
    @Override
    public void reportError(String what, Throwable e) {
        if (Failures.isUnexpected(e)) {
            log.error("{} failed", what, Failures.unwrap(e));
        } else {
            log.info("{} failed: {}", what, Failures.describe(e));
        }
        error.set(Messages.get("common.failed", what, Failures.describe(e)));
    }

    /**
     * Shows a plain message as an error.
     *
     * @param message the message
     */
    @Override
    public void reportError(String message) {
        log.info("error shown: {}", message);
        error.set(Objects.requireNonNull(message));
    }

    /** Hides the error. */
    public void clearError() {
        error.set(null);
    }
}

package studio.catdog.ui.common;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.ModelSummary;
import studio.catdog.core.storage.EvaluationStore;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.StoredEvaluation;

/**
 * Keeps the session's evaluation for its model and data set ({@link EvaluationStore}, in the app's cache folder), and
 * puts it back when that model and data set are open again without one, so Mistakes and Calibration come back after
 * a restart (issue 20). Both the writing and the reading run off the UI thread; a kept evaluation is shown only if
 * the session still holds the same model and data set and no evaluation when it arrives. Changed on the UI thread.
 */
public final class EvaluationMemory {

    private static final Logger log = LoggerFactory.getLogger(EvaluationMemory.class);

    private final ModelService service;
    private final Session session;
    private final EvaluationStore store;
    private final UiJobs jobs;
    private final ReadOnlyObjectWrapper<EvaluationOrigin> origin = new ReadOnlyObjectWrapper<>(this, "origin");
    private String keptKey;

    /**
     * @param service the current model's manifest
     * @param session the model, data set and evaluation it follows
     * @param store where evaluations are kept
     * @param executor moves the file work off the UI thread
     */
    public EvaluationMemory(ModelService service, Session session, EvaluationStore store, TaskExecutor executor) {
        this.service = service;
        this.session = session;
        this.store = store;
        this.jobs = new UiJobs(executor, session);
        session.evaluationProperty().addListener((o, a, r) -> {
            origin.set(r == null ? null : new EvaluationOrigin(false, Instant.now()));
            keep();
        });
        session.modelProperty().addListener((o, a, m) -> {
            keep();
            putBack();
        });
        session.datasetProperty().addListener((o, a, d) -> putBack());
    }

    /** Keeps the evaluation on show, once per key, when its model is saved. */
    private void keep() {
        EvaluationReport report = session.evaluationProperty().get();
        Dataset dataset = session.datasetProperty().get();
        ModelSummary model = session.modelProperty().get();
        if (report == null || dataset == null || model == null || model.savedAt() == null) {
            return;
        }
        ModelManifest manifest = service.currentManifest().orElse(null);
        Instant at = origin.get() == null ? Instant.now() : origin.get().at();
        jobs.call(() -> {
                    Optional<String> key = EvaluationStore.key(manifest, dataset);
                    if (key.isPresent() && !key.get().equals(keptKey)) {
                        store.write(key.get(), report, at);
                    }
                    return key.orElse(null);
                })
                .onSuccess(key -> keptKey = key)
                .onFailure(e -> log.info("could not keep the evaluation: {}", e.toString()))
                .start();
    }

    /** Looks for a kept evaluation of the open model on the open data set, when none is on show. */
    private void putBack() {
        Dataset dataset = session.datasetProperty().get();
        ModelSummary model = session.modelProperty().get();
        if (session.evaluationProperty().get() != null || dataset == null || model == null || model.savedAt() == null) {
            return;
        }
        ModelManifest manifest = service.currentManifest().orElse(null);
        jobs.call(() -> EvaluationStore.key(manifest, dataset)
                        .flatMap(key -> store.read(key).map(s -> new Found(key, s))))
                .onSuccess(found -> found.ifPresent(f -> {
                    if (session.evaluationProperty().get() == null
                            && Objects.equals(session.datasetProperty().get(), dataset)
                            && Objects.equals(session.modelProperty().get(), model)) {
                        keptKey = f.key();
                        session.evaluationProperty().set(f.stored().report());
                        origin.set(new EvaluationOrigin(true, f.stored().evaluatedAt()));
                    }
                }))
                .onFailure(e -> log.info("could not read a kept evaluation: {}", e.toString()))
                .start();
    }

    private record Found(String key, StoredEvaluation stored) {}

    /** @return where the evaluation on show comes from, null when none is on show */
    public ReadOnlyObjectProperty<EvaluationOrigin> originProperty() {
        return origin.getReadOnlyProperty();
    }
}

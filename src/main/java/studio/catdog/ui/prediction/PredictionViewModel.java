package studio.catdog.ui.prediction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import studio.catdog.core.Failures;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.Explanations;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The prediction workspace's state: the images given, their predictions, the confidence threshold
 * and the files refused. No Nodes; tested without a toolkit.
 */
public final class PredictionViewModel {

    /** The text shown below the confidence threshold. */
    public static final String NOT_SURE = Messages.get("prediction.notSure");

    /** One image and its prediction. */
    public static final class Item {
        private final Path path;
        private final byte[] bytes;
        private final String name;
        private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
        private final ReadOnlyObjectWrapper<Saliency> explanation = new ReadOnlyObjectWrapper<>(this, "explanation");
        private final ReadOnlyBooleanWrapper explaining = new ReadOnlyBooleanWrapper(this, "explaining");
        private final ReadOnlyStringWrapper explainError = new ReadOnlyStringWrapper(this, "explainError");
        private final BooleanProperty showExplanation = new SimpleBooleanProperty(this, "showExplanation");

        Item(Path path, byte[] bytes, String name) {
            this.path = path;
            this.bytes = bytes;
            this.name = name;
        }

        /** @return the file, or null for pasted data */
        public Path path() {
            return path;
        }

        /** @return the encoded image for pasted data, or null */
        public byte[] bytes() {
            return bytes;
        }

        /** @return a display name */
        public String name() {
            return name;
        }

        /** @return the prediction, null until ready */
        public ReadOnlyObjectProperty<Prediction> predictionProperty() {
            return prediction.getReadOnlyProperty();
        }

        /** @return why it could not be classified, null when fine */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        /** @return which parts of the image the answer depends on, null until explained */
        public ReadOnlyObjectProperty<Saliency> explanationProperty() {
            return explanation.getReadOnlyProperty();
        }

        /** @return whether the explanation is being computed */
        public ReadOnlyBooleanProperty explainingProperty() {
            return explaining.getReadOnlyProperty();
        }

        /** @return why it could not be explained, null when fine */
        public ReadOnlyStringProperty explainErrorProperty() {
            return explainError.getReadOnlyProperty();
        }

        /** @return whether the user wants the explanation laid over the image (the "Why?" toggle) */
        public BooleanProperty showExplanationProperty() {
            return showExplanation;
        }

        /** Shows a prediction made elsewhere (a folder run, tests). */
        void show(Prediction p) {
            prediction.set(p);
        }
    }

    private final ModelService service;
    private final Session session;
    private final UiJobs jobs;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<DropRefusal> refusals = FXCollections.observableArrayList();
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.8);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final DoubleProperty noveltyThreshold = new SimpleDoubleProperty(this, "noveltyThreshold", Double.NaN);
    private final ReadOnlyDoubleWrapper modelNoveltyThreshold =
            new ReadOnlyDoubleWrapper(this, "modelNoveltyThreshold", Double.NaN);
    private final ReadOnlyIntegerWrapper unfamiliarCount = new ReadOnlyIntegerWrapper(this, "unfamiliarCount");
    private final FolderPrediction folder;

    /**
     * @param service predicts
     * @param session the current model
     * @param executor moves results to the UI thread and checks files off it
     */
    public PredictionViewModel(ModelService service, Session session, TaskExecutor executor) {
        this(service, session, executor, FolderPrediction.SHOWN_CARDS);
    }

    /**
     * @param service predicts
     * @param session the current model
     * @param executor moves results to the UI thread
     * @param cardCap the most folder results shown as cards
     */
    PredictionViewModel(ModelService service, Session session, TaskExecutor executor, int cardCap) {
        this.service = service;
        this.session = session;
        this.jobs = new UiJobs(executor, session);
        this.folder = new FolderPrediction(service, executor, jobs, this, cardCap);
        session.modelProperty().addListener((o, a, m) -> {
            updateMessage();
            updateNoveltyDefault();
        });
        noveltyThreshold.addListener((o, a, b) -> recount());
        items.addListener((ListChangeListener<Item>) c -> recount());
        updateMessage();
        updateNoveltyDefault();
    }

    /** Takes the current model's "neither class" threshold as the default (NaN without a detector). */
    private void updateNoveltyDefault() {
        double t = service.currentManifest()
                .map(m -> m.novelty() == null ? Double.NaN : m.novelty().threshold())
                .orElse(Double.NaN);
        modelNoveltyThreshold.set(t);
        noveltyThreshold.set(t);
    }

    /**
     * Takes the model's threshold from a prediction when the manifest had none yet (a model trained
     * in this session is only described fully once saved).
     */
    private void adoptThreshold(Prediction p) {
        if (Double.isNaN(modelNoveltyThreshold.get()) && !Double.isNaN(p.noveltyThreshold())) {
            modelNoveltyThreshold.set(p.noveltyThreshold());
            noveltyThreshold.set(p.noveltyThreshold());
        }
    }

    /** Counts the results flagged as neither class at the current threshold. */
    void recount() {
        int n = 0;
        for (Item i : items) {
            Prediction p = i.prediction.get();
            if (p != null && unfamiliar(p)) {
                n++;
            }
        }
        unfamiliarCount.set(n);
        folder.refreshSummary();
    }

    /**
     * Whether an image looks like neither class at the user's threshold (the score comes with the
     * prediction, so moving the threshold re-flags without running the model again).
     *
     * @param p a prediction
     * @return true when its novelty score is above the threshold; false when either is unknown
     */
    public boolean unfamiliar(Prediction p) {
        return p.unfamiliarAt(noveltyThreshold.get());
    }

    /** Puts the "neither class" threshold back to the model's own. */
    public void resetNoveltyThreshold() {
        noveltyThreshold.set(modelNoveltyThreshold.get());
    }

    /**
     * Explains an item's prediction (once; later calls return the same answer).
     *
     * @param item a result
     * @return completes on the UI thread when the explanation is there or has failed
     */
    public CompletableFuture<Void> explain(Item item) {
        if (item.explanation.get() != null || item.explaining.get()) {
            return CompletableFuture.completedFuture(null);
        }
        item.explaining.set(true);
        item.explainError.set(null);
        return Explanations.explain(service, jobs, item.path, item.bytes).handle((s, e) -> {
            item.explaining.set(false);
            if (e != null) {
                item.explainError.set(Failures.describe(e));
                item.showExplanation.set(false);
            } else {
                item.explanation.set(s);
            }
            return null;
        });
    }

    private void updateMessage() {
        message.set(
                session.modelProperty().get() == null
                        ? Messages.get("prediction.messageNoModel")
                        : Messages.get("prediction.message"));
    }

    /**
     * Checks the files off the UI thread, then classifies the images and lists the refusals.
     *
     * @param files dropped or chosen files
     * @return completes on the UI thread once all accepted images have their prediction or error
     */
    public CompletableFuture<Void> predictFiles(List<Path> files) {
        return jobs.call(() -> DroppedFiles.classify(files)).start().thenCompose(d -> {
            refusals.setAll(d.refused());
            return CompletableFuture.allOf(d.accepted().stream()
                    .map(p -> add(new Item(p, null, p.getFileName().toString())))
                    .toArray(CompletableFuture[]::new));
        });
    }

    /**
     * Classifies pasted image data.
     *
     * @param bytes the encoded image
     * @param name a display name
     * @return completes on the UI thread with the prediction shown
     */
    public CompletableFuture<Void> predictBytes(byte[] bytes, String name) {
        refusals.clear();
        return add(new Item(null, bytes, name)).thenApply(x -> null);
    }

    private CompletableFuture<Void> add(Item item) {
        items.add(0, item);
        if (service.currentModel().isEmpty()) {
            item.error.set(Messages.get("prediction.noModelItem"));
            return CompletableFuture.completedFuture(null);
        }
        // The card shows why an image could not be classified; the banner stays for the window's own errors.
        return jobs.job(() -> item.path != null ? service.predict(item.path) : service.predict(item.bytes, item.name))
                .onSuccess(p -> {
                    adoptThreshold(p);
                    item.prediction.set(p);
                    recount();
                })
                .onFailure(e -> item.error.set(Failures.describe(e)))
                .treatCancelAsFailure()
                .start()
                .thenApply(p -> null);
    }

    /**
     * The verdict for a prediction at the current threshold.
     *
     * @param p the prediction
     * @return its label, or {@link #NOT_SURE} below the threshold
     */
    public String verdict(Prediction p) {
        return verdict(p, threshold.get());
    }

    /**
     * @param p a prediction
     * @param threshold the least confidence to give an answer
     * @return the label, or {@link #NOT_SURE}
     */
    public static String verdict(Prediction p, double threshold) {
        return p.confidence() >= threshold ? p.label() : NOT_SURE;
    }

    /** Removes every result. */
    public void clear() {
        folder.clear();
        items.clear();
        refusals.clear();
    }

    /**
     * Adds a result that already has its prediction, at the end (folder runs keep their order).
     *
     * @param file the image
     * @param p its prediction, or null
     * @param error why it failed, or null
     */
    void addResult(Path file, Prediction p, String error) {
        addResults(List.of(new FolderFileResult(file, p, error)));
    }

    /**
     * Adds results that already have their predictions, at the end, with one list change.
     *
     * @param results the results
     */
    void addResults(List<FolderFileResult> results) {
        List<Item> added = new ArrayList<>(results.size());
        for (FolderFileResult r : results) {
            Item item = new Item(r.file(), null, r.file().getFileName().toString());
            if (r.prediction() != null) {
                adoptThreshold(r.prediction());
                item.prediction.set(r.prediction());
            } else {
                item.error.set(r.error());
            }
            added.add(item);
        }
        items.addAll(added);
    }

    /** @return the current model's classes, empty when there is none */
    List<String> classes() {
        return service.currentModel().map(m -> m.classes()).orElse(List.of());
    }

    /** @return the folder run: progress, summary, cancel and CSV export */
    public FolderPrediction folder() {
        return folder;
    }

    /** @return the user's "neither class" threshold on the novelty score (NaN when the model has no detector) */
    public DoubleProperty noveltyThresholdProperty() {
        return noveltyThreshold;
    }

    /** @return the model's own "neither class" threshold (NaN when it has no detector) */
    public ReadOnlyDoubleProperty modelNoveltyThresholdProperty() {
        return modelNoveltyThreshold.getReadOnlyProperty();
    }

    /** @return how many results look like neither class at the current threshold */
    public ReadOnlyIntegerProperty unfamiliarCountProperty() {
        return unfamiliarCount.getReadOnlyProperty();
    }

    /** @return the results, newest first */
    public ObservableList<Item> items() {
        return items;
    }

    /** @return files refused by the last drop */
    public ObservableList<DropRefusal> refusals() {
        return refusals;
    }

    /** @return the least confidence for an answer (0.5..1) */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** @return what to do next */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Reports a paste that had no image. */
    public void pasteFailed() {
        refusals.setAll(new DropRefusal(
                Path.of(Messages.get("prediction.clipboard")), Messages.get("prediction.clipboardEmpty")));
    }
}

package studio.catdog.ui.prediction;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.Errors;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The prediction workspace's state: the images given, their predictions, the confidence threshold
 * and the files refused. No Nodes; tested without a toolkit.
 */
public final class PredictionViewModel {

    /** The text shown below the confidence threshold. */
    public static final String NOT_SURE = "not sure";

    /** One image and its prediction. */
    public static final class Item {
        private final Path path;
        private final byte[] bytes;
        private final String name;
        private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

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
    }

    private final ModelService service;
    private final Session session;
    private final TaskExecutor executor;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<DroppedFiles.Refusal> refusals = FXCollections.observableArrayList();
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.8);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");

    /**
     * @param service predicts
     * @param session the current model
     * @param executor moves results to the UI thread and checks files off it
     */
    public PredictionViewModel(ModelService service, Session session, TaskExecutor executor) {
        this.service = service;
        this.session = session;
        this.executor = executor;
        session.modelProperty().addListener((o, a, m) -> updateMessage());
        updateMessage();
    }

    private void updateMessage() {
        message.set(session.modelProperty().get() == null
                ? "No model yet: train one in the Training tab or open a saved model (File › Open model…). "
                        + "Then drop images here, open them (Ctrl+I) or paste one (Ctrl+V)."
                : "Drop images here, open them (Ctrl+I) or paste one (Ctrl+V).");
    }

    /**
     * Checks the files off the UI thread, then classifies the images and lists the refusals.
     *
     * @param files dropped or chosen files
     * @return completes on the UI thread once all accepted images have their prediction or error
     */
    public CompletableFuture<Void> predictFiles(List<Path> files) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.runInBackground(() -> {
            DroppedFiles.Decision d = DroppedFiles.classify(files);
            executor.runOnUi(() -> {
                refusals.setAll(d.refused());
                CompletableFuture<?>[] all = d.accepted().stream().map(p -> add(new Item(p, null, p.getFileName().toString())))
                        .toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(all).whenComplete((v, e) -> done.complete(null));
            });
        });
        return done;
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (service.currentModel().isEmpty()) {
            item.error.set("no model yet: train or open one first");
            done.complete(null);
            return done;
        }
        CompletableFuture<Prediction> f = item.path != null ? service.predict(item.path) : service.predict(item.bytes, item.name);
        f.whenComplete((p, e) -> executor.runOnUi(() -> {
            if (e != null) {
                item.error.set(Errors.describe(e));
            } else {
                item.prediction.set(p);
            }
            done.complete(null);
        }));
        return done;
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
        items.clear();
        refusals.clear();
    }

    /** @return the results, newest first */
    public ObservableList<Item> items() {
        return items;
    }

    /** @return files refused by the last drop */
    public ObservableList<DroppedFiles.Refusal> refusals() {
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
        refusals.setAll(new DroppedFiles.Refusal(Path.of("clipboard"), "holds no image or image file"));
    }
}

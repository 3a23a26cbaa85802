package studio.catdog.core.jobs;

/** What a job does; the UI picks words and icons by it, the worker picks a lane. */
public enum JobKind {
    /** Scan a data set folder (files only, no engine). */
    SCAN(Lane.FILES),
    /** Compute backbone features for a data set. */
    EXTRACT(Lane.ENGINE),
    /** Look for likely label errors and near-duplicates in a data set (features, then the engine's matrix products). */
    AUDIT(Lane.ENGINE),
    /** Move an image of a data set, or undo a move (the audit's actions). */
    EDIT_DATASET(Lane.FILES),
    /** Extract, train a head and evaluate it. */
    TRAIN(Lane.ENGINE),
    /** Evaluate the current model on a data set's test images. */
    EVALUATE(Lane.ENGINE),
    /** Predict one image or a list of images. */
    PREDICT(Lane.ENGINE),
    /** Predict every image under a folder. */
    PREDICT_FOLDER(Lane.ENGINE),
    /** Predict one batch of a prediction server's requests (images prepared on the server's threads). */
    SERVE_BATCH(Lane.ENGINE),
    /** Occlusion-sensitivity map for one image. */
    EXPLAIN(Lane.ENGINE),
    /** Export backbone and head as one ONNX model. */
    EXPORT(Lane.ENGINE),
    /** Open a saved model and its backbone. */
    LOAD(Lane.ENGINE),
    /** Save the current model. */
    SAVE(Lane.ENGINE),
    /** Download a file the user asked for. */
    DOWNLOAD(Lane.FILES);

    /** Which worker runs a kind of job. */
    public enum Lane {
        /** The one thread that owns the native engines, backbones and heads. */
        ENGINE,
        /** Plain file work that must not wait behind a training run. */
        FILES
    }

    private final Lane lane;

    JobKind(Lane lane) {
        this.lane = lane;
    }

    /** @return the worker that runs this kind */
    public Lane lane() {
        return lane;
    }
}

package studio.catdog.core.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.features.FeatureCache;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.DecodedImage;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.model.NoveltyDetector;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.prediction.OcclusionSaliency;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.Saliency;

/** Predictions and explanations with one model. Engine worker only. */
final class ModelPredictions {

    /** Files read, decoded and predicted per round, so results stream out while a folder runs. */
    static final int CHUNK = 256;

    private final FeatureExtractor extractor;

    ModelPredictions(FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    /**
     * Predicts every image under a folder (sub-folders included, hidden files skipped): lists the folder, then
     * predicts like {@link #predictFiles}.
     *
     * @param model the model
     * @param dir the folder
     * @param results receives each file's prediction or failure
     * @param c the job's context: progress counts files once the folder is listed
     * @throws CatdogException when the folder holds no image
     */
    void predictFolder(LoadedModel model, Path dir, FileResults results, JobContext c) {
        c.progress("Looking for images", 0, 0, Double.NaN);
        List<Path> found = ImageFiles.list(dir, true);
        if (found.isEmpty()) {
            throw new CatdogException(
                    "There are no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ") under " + dir + ".");
        }
        c.progress("Classifying", 0, found.size(), Double.NaN);
        predictFiles(model, found, results, c);
    }

    /**
     * Predicts one encoded image (features come from the cache when it knows the bytes).
     *
     * @param model the model
     * @param bytes the encoded image
     * @param source a name for the result
     * @return the prediction
     */
    Prediction predict(LoadedModel model, byte[] bytes, String source) {
        FeatureCache cache = model.backbone().cache();
        float[] f = cache == null ? null : cache.get(DatasetScanner.sha256(bytes));
        String damage = ImageDecoder.damage(bytes);
        if (f == null) {
            DecodedImage decoded = ImageDecoder.decodeChecked(bytes);
            damage = decoded.damage();
            float[] pixels = ImagePreprocessor.toTensor(
                    decoded.image(), model.backbone().backbone().preprocessing());
            f = model.backbone().backbone().extract(pixels, 1)[0];
        }
        return prediction(model.head(), source, f, model.head().probabilities(List.of(f))[0])
                .withDamage(damage);
    }

    /**
     * Predicts images decoded and preprocessed elsewhere (a server's request threads), with one backbone
     * call for all of them; the features and probabilities are those {@link #predict} computes.
     *
     * @param model the model
     * @param preprocessing what the pixels were prepared with; must be the model's backbone's
     * @param pixels {@code sources.size()} preprocessed images, one after another (floats after them are ignored)
     * @param sources a name per image, for the results
     * @return one prediction per image, in order
     * @throws CatdogException when the model's backbone needs another preprocessing (the model changed
     *     after the pixels were prepared)
     */
    List<Prediction> predictPreprocessed(
            LoadedModel model, Preprocessing preprocessing, float[] pixels, List<String> sources) {
        if (!model.backbone().backbone().preprocessing().equals(preprocessing)) {
            throw new CatdogException("The model changed while these images were being prepared for the previous "
                    + "one (another preprocessing); send them again.");
        }
        float[][] features = model.backbone().backbone().extract(pixels, sources.size());
        float[][] p = model.head().probabilities(Arrays.asList(features));
        List<Prediction> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(prediction(model.head(), sources.get(i), features[i], p[i]));
        }
        return out;
    }

    /**
     * Predicts many files in chunks through the pipelined extractor, reporting each result as soon as
     * its chunk is done.
     *
     * @param model the model
     * @param files the images
     * @param results receives each file's prediction or failure
     * @param context the job's token and progress
     */
    void predictFiles(LoadedModel model, List<Path> files, FileResults results, JobContext context) {
        context.progress(null, 0, files.size(), Double.NaN);
        for (int from = 0; from < files.size(); from += CHUNK) {
            context.throwIfCancelled();
            List<ImageSample> samples = new ArrayList<>();
            Map<Path, String> endsEarly = new HashMap<>();
            for (Path file : files.subList(from, Math.min(files.size(), from + CHUNK))) {
                try {
                    byte[] bytes = ImageDecoder.readBytes(file);
                    String damage = ImageDecoder.damage(bytes);
                    if (damage != null) {
                        endsEarly.put(file, damage);
                    }
                    samples.add(ImageSample.unlabelled(file, DatasetScanner.sha256(bytes), bytes.length));
                } catch (CatdogException e) {
                    results.failed(file, e.getMessage());
                }
            }
            int done = from;
            FeatureSet features = extractor.extract(
                    model.backbone().backbone(),
                    model.backbone().cache(),
                    samples,
                    context.token(),
                    (d, t, eta) -> context.progress(null, done + d, files.size(), Double.NaN));
            float[][] p = model.head().probabilities(features.features());
            for (int i = 0; i < features.size(); i++) {
                ImageSample sample = features.samples().get(i);
                Path file = sample.path();
                String damage = features.damage(sample) != null ? features.damage(sample) : endsEarly.get(file);
                results.predicted(
                        file,
                        prediction(
                                        model.head(),
                                        file.toString(),
                                        features.features().get(i),
                                        p[i])
                                .withDamage(damage));
            }
            features.skipped().forEach(s -> results.failed(s.path(), s.reason()));
            context.progress(null, Math.min(files.size(), from + CHUNK), files.size(), Double.NaN);
        }
    }

    /**
     * Occlusion sensitivity of the predicted class (about 50 backbone passes).
     *
     * @param model the model
     * @param bytes the encoded image
     * @return the saliency
     */
    Saliency explain(LoadedModel model, byte[] bytes) {
        return OcclusionSaliency.compute(model.backbone().backbone(), model.head(), ImageDecoder.decode(bytes), 8);
    }

    private static Prediction prediction(TrainedHead head, String source, float[] features, float[] probabilities) {
        NoveltyDetector novelty = head.novelty();
        return novelty == null
                ? new Prediction(source, head.classes(), probabilities)
                : new Prediction(source, head.classes(), probabilities, novelty.score(features), novelty.threshold());
    }
}

package studio.catdog.core.service;

import java.util.List;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.model.TrainedHead;

/** Measures a model on test images. Engine worker only. */
final class ModelEvaluation {

    private ModelEvaluation() {}

    /**
     * Evaluates a model on a data set's test split, reading or computing its features.
     *
     * @param model the model (head and its own backbone)
     * @param dataset the data set; its classes must be the model's
     * @param extractor computes features
     * @param context the job's token and progress
     * @return the report
     */
    static EvaluationReport evaluate(
            LoadedModel model, Dataset dataset, FeatureExtractor extractor, JobContext context) {
        TrainedHead head = model.head();
        if (!dataset.classes().equals(head.classes())) {
            throw new CatdogException(
                    "The data set's classes " + dataset.classes() + " differ from the model's " + head.classes() + ".");
        }
        List<ImageSample> test = dataset.samples(Split.TEST);
        if (test.isEmpty()) {
            throw new CatdogException("The data set has no test images to evaluate on.");
        }
        FeatureSet features = extractor.extract(
                model.backbone().backbone(),
                model.backbone().cache(),
                test,
                context.token(),
                (done, total, eta) -> context.progress("Extracting features", done, total, eta));
        context.progress("Evaluating", features.size(), features.size(), 0);
        return evaluate(head, features);
    }

    /**
     * Evaluates a head on features computed by its own backbone.
     *
     * @param head the head
     * @param test labelled test features
     * @return the report
     */
    static EvaluationReport evaluate(TrainedHead head, FeatureSet test) {
        EvaluationReport r = Evaluator.evaluate(
                head.classes(),
                test.samples().stream().map(ImageSample::path).toList(),
                test.labels(),
                head.logits(test.features()),
                head.temperature());
        return head.temperatureChoice() == null || r.calibration() == null
                ? r
                : r.withCalibration(r.calibration().withValidation(head.temperatureChoice()));
    }
}

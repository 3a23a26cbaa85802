package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.JsonLines;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.ClassMetrics;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.core.service.ModelService;

/** {@code catdog evaluate}: metrics of a saved model on a data set's test images. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a saved model on DIR's test images: accuracy, per-class metrics, confusion matrix, mistakes.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data set folder.")
    Path data;

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print one JSON object instead of a report.")
    boolean json;

    @Override
    public Integer call() {
        ConsoleProgress progress = ConsoleProgress.stderr();
        try (ModelService service = ModelService.createDefault(modelOptions.deviceOptions.trust())) {
            modelOptions.load(service);
            Dataset dataset = service.openDataset(data)
                    .onChange(progress.follow("Checking images"))
                    .await();
            EvaluationReport r = service.evaluate(dataset)
                    .onChange(progress.follow("Extracting features"))
                    .await();
            if (json) {
                System.out.println(JsonLines.write(toJson(r)));
            } else {
                printReport(r);
            }
            return 0;
        }
    }

    static Map<String, Object> toJson(EvaluationReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", r.classes());
        out.put("testImages", r.images());
        out.put("accuracy", r.accuracy());
        out.put("meanLoss", r.meanLoss());
        out.put("rocAuc", r.rocAuc());
        List<Map<String, Object>> perClass = r.perClass().stream()
                .map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("class", c.className());
                    m.put("precision", c.precision());
                    m.put("recall", c.recall());
                    m.put("f1", c.f1());
                    m.put("support", c.support());
                    return m;
                })
                .toList();
        out.put("perClass", perClass);
        if (r.calibration() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("temperature", r.calibration().temperature());
            c.put("eceBefore", r.calibration().eceBefore());
            c.put("eceAfter", r.calibration().eceAfter());
            c.put(
                    "reliability",
                    r.calibration().after().stream()
                            .filter(b -> b.count() > 0)
                            .map(b -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("lower", b.lower());
                                m.put("upper", b.upper());
                                m.put("count", b.count());
                                m.put("confidence", b.meanConfidence());
                                m.put("accuracy", b.accuracy());
                                return m;
                            })
                            .toList());
            out.put("calibration", c);
        }
        out.put("confusion", r.confusion());
        out.put(
                "misclassified",
                r.misclassified().stream()
                        .map(m -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("path", m.path().toString());
                            e.put("trueClass", m.trueClass());
                            e.put("predictedClass", m.predictedClass());
                            Map<String, Object> p = new LinkedHashMap<>();
                            for (int i = 0; i < r.classes().size(); i++) {
                                p.put(r.classes().get(i), m.probabilities()[i]);
                            }
                            e.put("probabilities", p);
                            e.put("loss", m.loss());
                            return e;
                        })
                        .toList());
        return out;
    }

    private static void printReport(EvaluationReport r) {
        System.out.printf(
                Locale.ROOT,
                "Test images: %d%nAccuracy:    %.4f%nROC AUC:     %s%n%n",
                r.images(),
                r.accuracy(),
                Double.isNaN(r.rocAuc()) ? "n/a" : String.format(Locale.ROOT, "%.4f", r.rocAuc()));
        if (r.calibration() != null) {
            System.out.printf(
                    Locale.ROOT,
                    "Calibration: temperature %.3f, expected calibration error %.4f before, %.4f after%n%n",
                    r.calibration().temperature(),
                    r.calibration().eceBefore(),
                    r.calibration().eceAfter());
        }
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (ClassMetrics c : r.perClass()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %9.4f %9.4f %9.4f %8d%n",
                    c.className(),
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.support());
        }
        System.out.println();
        System.out.println("Confusion matrix (rows: true class, columns: predicted):");
        System.out.printf(Locale.ROOT, "%-16s", "");
        r.classes().forEach(c -> System.out.printf(Locale.ROOT, " %10s", c));
        System.out.println();
        for (int i = 0; i < r.classes().size(); i++) {
            System.out.printf(Locale.ROOT, "%-16s", r.classes().get(i));
            for (int j = 0; j < r.classes().size(); j++) {
                System.out.printf(Locale.ROOT, " %10d", r.confusion()[i][j]);
            }
            System.out.println();
        }
        System.out.println();
        System.out.println("Misclassified (" + r.misclassified().size() + "), most confidently wrong first:");
        for (Misclassified m : r.misclassified()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s  true %s, predicted %s (%.3f)%n",
                    m.path(),
                    m.trueClass(),
                    m.predictedClass(),
                    m.probabilities()[r.classes().indexOf(m.predictedClass())]);
        }
    }
}

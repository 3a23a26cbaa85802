package studio.catdog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.JsonLines;
import studio.catdog.core.service.ModelFolders;
import studio.catdog.core.storage.ManifestRun;
import studio.catdog.core.storage.ManifestTraining;
import studio.catdog.core.storage.ModelManifest;

/** {@code catdog history}: the training runs of a model, side by side. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Show every training run of a model (settings, final losses, test metrics) side by side.")
final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model folder.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ModelManifest m = ModelFolders.readManifest(model);
        List<ManifestRun> runs = m.runs();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                rows.add(row(i + 1, runs.get(i)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toString());
            out.put("runs", rows);
            System.out.println(JsonLines.write(out));
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%-4s %-20s %6s %4s %6s %9s %-9s %10s %10s %9s %8s%n",
                "run",
                "finished",
                "epochs",
                "best",
                "batch",
                "lr",
                "optimizer",
                "train loss",
                "val loss",
                "test acc",
                "ECE");
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> r = row(i + 1, runs.get(i));
            System.out.printf(
                    Locale.ROOT,
                    "%-4d %-20s %6s %4s %6d %9.5f %-9s %10s %10s %9s %8s%n",
                    i + 1,
                    r.get("finished"),
                    epochs(r),
                    r.get("bestEpoch") == null ? "-" : r.get("bestEpoch"),
                    r.get("batchSize"),
                    r.get("learningRate"),
                    r.get("optimizer"),
                    fmt(r.get("trainLoss")),
                    fmt(r.get("validationLoss")),
                    fmt(r.get("testAccuracy")),
                    fmt(r.get("ece")));
        }
        return 0;
    }

    private static Map<String, Object> row(int number, ManifestRun run) {
        Map<String, Object> r = new LinkedHashMap<>();
        ManifestTraining t = run.training();
        r.put("run", number);
        r.put("finished", run.createdAt());
        r.put("epochs", t.epochs());
        r.put("epochsRun", t.epochsTrained());
        r.put("bestEpoch", t.bestEpoch());
        r.put("keptEpoch", t.keptEpoch());
        r.put("batchSize", t.batchSize());
        r.put("learningRate", (double) t.learningRate());
        r.put("optimizer", t.optimizer());
        Map<String, Double> last = t.history() == null || t.history().isEmpty()
                ? Map.of()
                : t.history().get(t.history().size() - 1);
        r.put("trainLoss", last.get("trainLoss"));
        r.put("validationLoss", last.get("validationLoss"));
        r.put("testAccuracy", run.metrics() == null ? null : run.metrics().testAccuracy());
        r.put("ece", run.metrics() == null ? null : run.metrics().ece());
        r.put("curve", t.history());
        return r;
    }

    /** "5/15" when the run stopped before its epoch limit, else "15". */
    private static String epochs(Map<String, Object> r) {
        Object run = r.get("epochsRun");
        Object limit = r.get("epochs");
        return run.equals(limit) ? String.valueOf(limit) : run + "/" + limit;
    }

    private static String fmt(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }
}

package studio.catdog.ui.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.storage.ManifestMetrics;
import studio.catdog.core.storage.ManifestRun;
import studio.catdog.core.storage.ManifestTraining;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.training.CurvePoint;

/**
 * The runs of the current model (a model trained further keeps the runs it continued from): one
 * row per run, and the validation-loss curves of the runs chosen for comparison. No Nodes; tested
 * without a toolkit.
 */
public final class RunsViewModel {

    /** The most runs overlaid in the comparison chart. */
    public static final int MAX_COMPARED = 4;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ModelService service;
    private final ObservableList<PastRun> runs = FXCollections.observableArrayList();
    private final ObservableList<NamedCurve> compared = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");

    /**
     * @param service has the current model's manifest
     * @param session the current model; the rows follow it
     */
    public RunsViewModel(ModelService service, Session session) {
        this.service = service;
        session.modelProperty().addListener((o, a, m) -> refresh());
        refresh();
    }

    /** Reads the current model's runs again. */
    public void refresh() {
        List<PastRun> rows = new ArrayList<>();
        service.currentManifest().ifPresent(m -> {
            List<ManifestRun> all = m.runs();
            for (int i = 0; i < all.size(); i++) {
                rows.add(row(i + 1, all.get(i)));
            }
        });
        runs.setAll(rows);
        compare(List.of());
    }

    private static PastRun row(int number, ManifestRun r) {
        ManifestTraining t = r.training();
        List<Map<String, Double>> history = t == null || t.history() == null ? List.of() : t.history();
        List<CurvePoint> curve = new ArrayList<>();
        for (Map<String, Double> h : history) {
            Double e = h.get("epoch");
            Double v = h.get("validationLoss");
            if (e != null && v != null && !v.isNaN()) {
                curve.add(new CurvePoint(e, v));
            }
        }
        Map<String, Double> kept = keptEpoch(t, history);
        ManifestMetrics m = r.metrics();
        return new PastRun(
                number,
                date(r.createdAt()),
                t == null ? 0 : t.epochs(),
                t == null ? 0 : t.epochsTrained(),
                t == null || t.bestEpoch() == null ? 0 : t.bestEpoch(),
                t == null ? Double.NaN : t.learningRate(),
                t == null || t.optimizer() == null ? "" : t.optimizer(),
                value(kept.get("trainLoss")),
                value(kept.get("validationLoss")),
                m == null ? Double.NaN : value(m.testAccuracy()),
                m == null ? Double.NaN : value(m.ece()),
                List.copyOf(curve));
    }

    /** The history row of the epoch whose weights the model kept: the last one unless the manifest names it. */
    private static Map<String, Double> keptEpoch(ManifestTraining t, List<Map<String, Double>> history) {
        if (t != null && t.keptEpoch() != null) {
            for (Map<String, Double> h : history) {
                Double e = h.get("epoch");
                if (e != null && e.intValue() == t.keptEpoch()) {
                    return h;
                }
            }
        }
        return history.isEmpty() ? Map.of() : history.get(history.size() - 1);
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String date(String iso) {
        try {
            return DATE.format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException | NullPointerException e) {
            return iso == null ? "" : iso;
        }
    }

    /**
     * Chooses the runs whose validation loss is overlaid (the first {@link #MAX_COMPARED}; the latest
     * run when none is selected).
     *
     * @param selection the selected rows
     */
    public void compare(List<PastRun> selection) {
        List<PastRun> chosen = selection.isEmpty() && !runs.isEmpty() ? List.of(runs.get(runs.size() - 1)) : selection;
        List<NamedCurve> curves = chosen.stream()
                .limit(MAX_COMPARED)
                .map(r -> new NamedCurve(
                        Messages.get("runs.curveName", r.number(), r.epochsRun(), trim(r.learningRate())),
                        r.validationCurve()))
                .toList();
        compared.setAll(curves);
        if (runs.isEmpty()) {
            hint.set(Messages.get("runs.hintNoModel"));
        } else if (runs.size() == 1) {
            hint.set(Messages.get("runs.hintOneRun"));
        } else {
            hint.set(selection.size() < 2 ? Messages.get("runs.hintSelect") : Messages.get("runs.hintCompared"));
        }
    }

    private static String trim(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%s", (float) v);
    }

    /** @return one row per run, oldest first */
    public ObservableList<PastRun> runs() {
        return runs;
    }

    /** @return the validation-loss curves to overlay */
    public ObservableList<NamedCurve> compared() {
        return compared;
    }

    /** @return what to do next, in words */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }
}

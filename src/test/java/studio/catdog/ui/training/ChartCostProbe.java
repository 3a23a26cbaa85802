package studio.catdog.ui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A measurement, not a test (surefire skips the name; run it with {@code -Dtest=ChartCostProbe}):
 * FX-thread time to mirror and draw a 15-epoch, 1695-batch loss curve in 340 coalesced updates,
 * every point versus {@link DecimatedCurve}. Each update takes a snapshot, which runs CSS, layout
 * and a software render as a pulse would.
 */
@ExtendWith(ApplicationExtension.class)
class ChartCostProbe {
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 820, 330));
        s.show();
    }

    private double[] run(boolean decimate) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
                    chart.setAnimated(false);
                    chart.setCreateSymbols(false);
                    ObservableList<CurvePoint> raw = FXCollections.observableArrayList();
                    ObservableList<CurvePoint> smooth = FXCollections.observableArrayList();
                    DecimatedCurve dr = new DecimatedCurve();
                    DecimatedCurve ds = new DecimatedCurve();
                    chart.getData()
                            .setAll(List.of(
                                    TrainingView.series("raw", decimate ? dr.shown() : raw),
                                    TrainingView.series("smooth", decimate ? ds.shown() : smooth)));
                    stage.getScene().setRoot(new StackPane(chart));
                    long t0 = System.nanoTime();
                    long tail = 0;
                    double s = Double.NaN;
                    int n = 1695;
                    for (int from = 0; from < n; from += 5) { // about 340 coalesced updates
                        List<CurvePoint> r = new ArrayList<>();
                        List<CurvePoint> m = new ArrayList<>();
                        for (int i = from; i < Math.min(n, from + 5); i++) {
                            double loss = 0.05 + 0.7 * Math.exp(-i / 30.0) + 0.05 * Math.sin(i * 1.7);
                            s = Double.isNaN(s) ? loss : 0.1 * loss + 0.9 * s;
                            r.add(new CurvePoint(i / 113.0, loss));
                            m.add(new CurvePoint(i / 113.0, s));
                        }
                        if (decimate) {
                            dr.addAll(r);
                            ds.addAll(m);
                        } else {
                            raw.addAll(r);
                            smooth.addAll(m);
                        }
                        long u = System.nanoTime();
                        stage.getScene().snapshot(null); // CSS, layout and a software render, as a pulse would
                        if (from >= n - 250) {
                            tail += System.nanoTime() - u;
                        }
                    }
                    return new double[] {(System.nanoTime() - t0) / 1e6, tail / 1e6 / 50};
                })
                .get();
    }

    @Test
    void measure() throws Exception {
        for (int round = 0; round < 3; round++) {
            double[] a = run(false);
            double[] b = run(true);
            System.err.printf(
                    Locale.ROOT,
                    "CHART PROBE round %d: all 340 updates raw %.0f ms vs decimated %.0f ms; "
                            + "per update over the last 50: raw %.1f ms vs decimated %.1f ms%n",
                    round,
                    a[0],
                    b[0],
                    a[1],
                    b[1]);
        }
    }
}

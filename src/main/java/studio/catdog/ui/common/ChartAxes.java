package studio.catdog.ui.common;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Sensible axes for a line chart with nothing to draw yet. A {@link NumberAxis} ranges an empty chart over its
 * defaults, so an empty loss chart showed epochs 0-110 and a loss of 0-150 (issue 20); while every series is empty
 * the axes show the epochs a run is set to and 0-1, and they range over the data again as soon as there is some.
 */
public final class ChartAxes {

    private ChartAxes() {}

    /**
     * Keeps a chart's axes fixed while it is empty.
     *
     * @param chart a chart whose axes are number axes
     * @param epochs the x axis's upper end while empty (the epochs a run is set to)
     * @param yMax the y axis's upper end while empty
     */
    public static void fixedWhileEmpty(
            XYChart<Number, Number> chart, ObservableValue<? extends Number> epochs, double yMax) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        Runnable update = () -> {
            boolean empty = chart.getData().stream().allMatch(s -> s.getData().isEmpty());
            x.setAutoRanging(!empty);
            y.setAutoRanging(!empty);
            if (empty) {
                double upper = Math.max(1, epochs.getValue().doubleValue());
                x.setLowerBound(0);
                x.setUpperBound(upper);
                x.setTickUnit(upper <= 20 ? 1 : Math.ceil(upper / 10));
                y.setLowerBound(0);
                y.setUpperBound(yMax);
                y.setTickUnit(yMax / 4);
            }
        };
        InvalidationListener recheck = o -> update.run();
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            s.getData().addListener(recheck);
        }
        chart.getData().addListener((ListChangeListener<XYChart.Series<Number, Number>>) c -> {
            while (c.next()) {
                for (XYChart.Series<Number, Number> s : c.getAddedSubList()) {
                    s.getData().addListener(recheck);
                }
            }
            update.run();
        });
        epochs.addListener(recheck);
        update.run();
    }
}

package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class DecimatedCurveTest {

    private static List<CurvePoint> points(int from, int to) {
        List<CurvePoint> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new CurvePoint(i, 2 * i));
        }
        return out;
    }

    @Test
    void showsEveryPointUpToTheCap() {
        DecimatedCurve c = new DecimatedCurve(10);
        c.addAll(points(0, 7));
        c.addAll(points(7, 10));
        assertThat(c.shown()).isEqualTo(points(0, 10));
        assertThat(c.bucketWidth()).isEqualTo(1);
    }

    @Test
    void mergesAdjacentPointsToTheirMeanOverTheCapAndKeepsAllData() {
        DecimatedCurve c = new DecimatedCurve(400);
        for (int from = 0; from < 1900; from += 37) { // about 15 epochs of 125 batches, ten updates a second
            c.addAll(points(from, Math.min(1900, from + 37)));
            assertThat(c.shown()).hasSizeLessThanOrEqualTo(400);
        }
        assertThat(c.all()).hasSize(1900);
        assertThat(c.bucketWidth()).isEqualTo(8);
        assertThat(c.shown()).hasSize(238);
        assertThat(c.shown().get(0)).isEqualTo(new CurvePoint(3.5, 7));
        // The last bucket is partial: points 1896..1899.
        assertThat(c.shown().get(237)).isEqualTo(new CurvePoint(1897.5, 3795));
    }

    @Test
    void incrementalUpdatesEqualARebuildAndChangeOnlyTheTail() {
        DecimatedCurve inc = new DecimatedCurve(16);
        List<String> changes = new ArrayList<>();
        inc.shown().addListener((ListChangeListener<CurvePoint>) ch -> {
            while (ch.next()) {
                changes.add(ch.getFrom() + ":" + ch.getRemovedSize() + "/" + ch.getAddedSize());
            }
        });
        for (int i = 0; i < 100; i += 3) {
            inc.addAll(points(i, Math.min(100, i + 3)));
        }
        DecimatedCurve once = new DecimatedCurve(16);
        once.addAll(points(0, 100));
        assertThat(inc.shown()).isEqualTo(once.shown());
        assertThat(inc.shown()).hasSizeLessThanOrEqualTo(16);
        inc.clear();
        assertThat(inc.shown()).isEmpty();
        assertThat(inc.all()).isEmpty();
        assertThat(changes).isNotEmpty();
    }
}

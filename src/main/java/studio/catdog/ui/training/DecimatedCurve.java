package studio.catdog.ui.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A curve that keeps every point but shows at most {@code cap} of them: consecutive points are
 * merged into buckets (mean x, mean y), and the bucket width doubles whenever the shown list would
 * grow past the cap. A chart bound to {@link #shown()} so draws a bounded number of points however
 * long training runs, while appending stays cheap: only the last, still filling bucket is replaced
 * and new buckets appended, except at the few doublings, which rebuild the shown list once.
 */
public final class DecimatedCurve {

    /** The default most points shown: enough for a smooth line across a wide chart. */
    public static final int DEFAULT_CAP = 400;

    private final int cap;
    private final List<CurvePoint> all = new ArrayList<>();
    private final ObservableList<CurvePoint> shown = FXCollections.observableArrayList();
    private int bucket = 1;

    /**
     * @param cap the most points shown (at least 2)
     */
    public DecimatedCurve(int cap) {
        if (cap < 2) {
            throw new IllegalArgumentException("cap must be at least 2");
        }
        this.cap = cap;
    }

    /** Creates a curve showing at most {@link #DEFAULT_CAP} points. */
    public DecimatedCurve() {
        this(DEFAULT_CAP);
    }

    /**
     * Appends points; updates {@link #shown()} with one replace of the last bucket and one addAll.
     *
     * @param points the new points, in order
     */
    public void addAll(List<CurvePoint> points) {
        if (points.isEmpty()) {
            return;
        }
        int oldBuckets = shown.size();
        all.addAll(points);
        int newBucket = bucket;
        while (buckets(all.size(), newBucket) > cap) {
            newBucket *= 2;
        }
        if (newBucket != bucket) {
            bucket = newBucket;
            shown.setAll(range(0, buckets(all.size(), bucket)));
            return;
        }
        // The last shown bucket may have been partial: recompute it and everything after it.
        int from = Math.max(0, oldBuckets - 1);
        List<CurvePoint> tail = range(from, buckets(all.size(), bucket));
        if (oldBuckets > 0) {
            shown.set(from, tail.get(0));
            shown.addAll(tail.subList(1, tail.size()));
        } else {
            shown.addAll(tail);
        }
    }

    private static int buckets(int points, int width) {
        return (points + width - 1) / width;
    }

    private List<CurvePoint> range(int fromBucket, int toBucket) {
        List<CurvePoint> out = new ArrayList<>(toBucket - fromBucket);
        for (int b = fromBucket; b < toBucket; b++) {
            int start = b * bucket;
            int end = Math.min(all.size(), start + bucket);
            double x = 0;
            double y = 0;
            for (int i = start; i < end; i++) {
                x += all.get(i).x();
                y += all.get(i).y();
            }
            out.add(new CurvePoint(x / (end - start), y / (end - start)));
        }
        return out;
    }

    /** Forgets every point. */
    public void clear() {
        all.clear();
        bucket = 1;
        shown.clear();
    }

    /** @return every point added, in order (read-only) */
    public List<CurvePoint> all() {
        return Collections.unmodifiableList(all);
    }

    /** @return the points to draw: at most the cap, each the mean of one bucket */
    public ObservableList<CurvePoint> shown() {
        return shown;
    }

    /** @return how many raw points each shown point stands for */
    public int bucketWidth() {
        return bucket;
    }
}

package studio.catdog.ui.training;

import java.util.List;

/** A copy of every curve, to put back exactly after a failed or cancelled run. */
record CurvesSnapshot(
        List<CurvePoint> batch,
        List<CurvePoint> smooth,
        List<CurvePoint> train,
        List<CurvePoint> vLoss,
        List<CurvePoint> vAcc,
        double smoothed,
        List<CurvePoint> marker,
        int bestEpoch) {
    boolean isEmpty() {
        return batch.isEmpty() && train.isEmpty();
    }
}

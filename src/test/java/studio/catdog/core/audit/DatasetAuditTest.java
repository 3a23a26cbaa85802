package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;

/** The whole label audit on generated features: test labels are audited too, with their evidence. */
class DatasetAuditTest {

    @Test
    void aWrongTestLabelIsASuspectOfTheTestSplitWithTheNearestImagesOfBothClasses() {
        Random r = new Random(4);
        int dim = 32;
        float[][] centres = new float[2][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) (3 * Math.abs(r.nextGaussian()));
            }
        }
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        int n = 300;
        for (int i = 0; i < n; i++) {
            int truth = i % 2;
            Split split = i < 200 ? Split.TRAIN : Split.TEST;
            // Image 250 is a class-0 picture filed under class 1, in the test split.
            int label = i == 250 ? 1 : truth;
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) Math.abs(centres[truth][d] + r.nextGaussian());
            }
            samples.add(new ImageSample(Path.of("img" + i + ".jpg"), label, split, String.format("%064d", i), 1));
            features.add(v);
        }
        FeatureSet set = new FeatureSet(samples, features, List.of(), 0, n, 0);
        AuditReport report = DatasetAudit.analyse(
                set, List.of("cats", "dogs"), AuditSettings.defaults(), KeptFindings.NONE, null, AuditProgress.NONE);

        assertThat(report.trainImages()).isEqualTo(200);
        assertThat(report.testImages()).isEqualTo(100);
        LabelSuspect first = report.suspects().get(0);
        assertThat(first.file()).isEqualTo(Path.of("img250.jpg"));
        assertThat(first.split()).isEqualTo(Split.TEST);
        assertThat(first.tier()).isEqualTo(SuspectTier.LIKELY);
        assertThat(first.givenClass()).isEqualTo("dogs");
        assertThat(first.suggestedClass()).isEqualTo("cats");
        assertThat(first.neighbourShares()[1]).isLessThanOrEqualTo(0.05);
        assertThat(first.givenClassNeighbours())
                .hasSize(DatasetAudit.EVIDENCE_IMAGES)
                .allSatisfy(s -> assertThat(s.label()).isEqualTo(1))
                .doesNotContain(first.sample());
        assertThat(first.suggestedClassNeighbours())
                .hasSize(DatasetAudit.EVIDENCE_IMAGES)
                .allSatisfy(s -> assertThat(s.label()).isZero());
    }
}

package studio.catdog.ui.mistakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditTimings;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.SuspectTier;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.ClassMetrics;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.Session;

class MistakesViewModelTest {

    static EvaluationReport report() {
        List<Misclassified> wrong = List.of(
                new Misclassified(Path.of("c1.jpg"), "cats", "dogs", new float[] {0.05f, 0.95f}, 3.0),
                new Misclassified(Path.of("d1.jpg"), "dogs", "cats", new float[] {0.9f, 0.1f}, 2.3),
                new Misclassified(Path.of("c2.jpg"), "cats", "dogs", new float[] {0.4f, 0.6f}, 0.9));
        return new EvaluationReport(
                List.of("cats", "dogs"),
                20,
                0.85,
                0.4,
                List.of(new ClassMetrics("cats", 0.9, 0.8, 0.85, 10), new ClassMetrics("dogs", 0.82, 0.9, 0.86, 10)),
                new int[][] {{8, 2}, {1, 9}},
                0.9,
                wrong);
    }

    @Test
    void filtersByConfusionCellAndToggles() {
        Session session = new Session();
        MistakesViewModel vm = new MistakesViewModel(null, session, new CurrentThreadTaskExecutor());
        assertThat(vm.placeholderProperty().get()).startsWith("No evaluation yet");
        session.evaluationProperty().set(report());

        assertThat(vm.shownMistakes())
                .extracting(m -> m.path().toString())
                .containsExactly("c1.jpg", "d1.jpg", "c2.jpg");
        assertThat(vm.metrics()).hasSize(2);
        assertThat(vm.summaryProperty().get()).contains("85.0 %").contains("3 wrong");

        vm.toggleCell(new ConfusionCell(0, 1));
        assertThat(vm.shownMistakes()).extracting(m -> m.path().toString()).containsExactly("c1.jpg", "c2.jpg");
        vm.toggleCell(new ConfusionCell(1, 0));
        assertThat(vm.shownMistakes()).extracting(m -> m.path().toString()).containsExactly("d1.jpg");
        vm.toggleCell(new ConfusionCell(1, 1));
        assertThat(vm.shownMistakes()).isEmpty();
        assertThat(vm.placeholderProperty().get()).contains("9 dogs images were classified correctly");
        vm.toggleCell(new ConfusionCell(1, 1));
        assertThat(vm.selectedCellProperty().get()).isNull();
        assertThat(vm.shownMistakes()).hasSize(3);
        assertThat(vm.describe(vm.shownMistakes().get(0))).isEqualTo("true cats, predicted dogs (95.0 %)");
    }

    @Test
    void aWrongTestImageWhoseLabelTheAuditSuspectsIsMarked() {
        Session session = new Session();
        MistakesViewModel vm = new MistakesViewModel(null, session, new CurrentThreadTaskExecutor());
        session.evaluationProperty().set(report());
        Misclassified c1 = vm.shownMistakes().get(0);
        assertThat(vm.labelSuspect(c1)).isNull();
        // The audit found c1.jpg (a test image filed as cats) looking like a dog, and d1.jpg only in training.
        ImageSample c1Sample = new ImageSample(Path.of("c1.jpg"), 0, Split.TEST, "a".repeat(64), 1);
        ImageSample d1Training = new ImageSample(Path.of("d1.jpg"), 1, Split.TRAIN, "b".repeat(64), 1);
        LabelSuspect suspect =
                new LabelSuspect(c1Sample, "cats", "dogs", 0.9, new double[] {0.05, 0.95}, SuspectTier.LIKELY);
        LabelSuspect trainingOnly =
                new LabelSuspect(d1Training, "dogs", "cats", 0.8, new double[] {0.9, 0.1}, SuspectTier.LIKELY);
        session.auditProperty()
                .set(new AuditReport(
                        List.of("cats", "dogs"),
                        10,
                        10,
                        new double[] {0.9, 0.9},
                        List.of(suspect, trainingOnly),
                        0,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new AuditTimings(0, 0, 0, 0, 0, 0)));

        assertThat(vm.labelSuspect(c1)).isSameAs(suspect);
        assertThat(vm.describe(c1))
                .isEqualTo("true cats, predicted dogs (95.0 %) · the label may be wrong: the data set audit suggests "
                        + "dogs");
        // d1.jpg's suspect is a training image of that name: not this test mistake.
        assertThat(vm.labelSuspect(vm.shownMistakes().get(1))).isNull();
    }
}

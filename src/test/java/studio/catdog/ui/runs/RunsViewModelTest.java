package studio.catdog.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.TrainedModels;
import studio.catdog.ui.common.Session;

/** The runs table against a model trained twice (the second run continuing the first); no toolkit. */
class RunsViewModelTest {

    @TempDir
    static Path tmp;

    static ModelService service;

    @BeforeAll
    static void setUp() {
        service = TestServices.service(tmp.resolve("home"));
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    @Test
    void listsEveryRunAndOverlaysTheSelectedValidationCurves() throws Exception {
        Session session = new Session();
        RunsViewModel vm = new RunsViewModel(service, session);
        assertThat(vm.runs()).isEmpty();
        assertThat(vm.hintProperty().get()).startsWith("No model yet");

        Path data = TestImages.datasetWithMistakes(tmp.resolve("data"), 16, 4);
        TrainedModels.train(service, data, 3, false);
        TrainedModels.train(service, data, 2, true);
        session.modelProperty().set(service.currentModel().orElseThrow());

        assertThat(vm.runs()).extracting(PastRun::number).containsExactly(1, 2);
        PastRun first = vm.runs().get(0);
        PastRun second = vm.runs().get(1);
        assertThat(first.epochs()).isEqualTo(3);
        assertThat(second.epochs()).isEqualTo(2);
        assertThat(first.epochsRun()).as("too short to stop early").isEqualTo(3);
        assertThat(first.bestEpoch()).isBetween(1, 3);
        assertThat(first.validationLoss())
                .as("the kept (best) epoch's")
                .isEqualTo(first.validationCurve().get(first.bestEpoch() - 1).y());
        assertThat(first.learningRate()).isEqualTo(0.001, Offset.offset(1e-6));
        assertThat(first.optimizer()).isNotBlank();
        assertThat(first.trainLoss()).isPositive();
        assertThat(first.validationLoss()).isPositive();
        assertThat(second.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(first.validationCurve()).hasSize(3);
        assertThat(second.validationCurve()).hasSize(2);
        assertThat(first.date()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");

        // By default the latest run is drawn; selecting two overlays both.
        assertThat(vm.compared()).extracting(NamedCurve::name).containsExactly("Run 2 (2 epochs, lr 0.001)");
        vm.compare(vm.runs());
        assertThat(vm.compared()).hasSize(2);
        assertThat(vm.compared().get(0).points()).isEqualTo(first.validationCurve());
        assertThat(vm.hintProperty().get()).startsWith("Validation loss of the selected runs");
    }
}

package studio.catdog.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;

/**
 * Issue 10, defect 2: a head never meets a backbone it was not trained with. Two ONNX backbones of
 * the same feature width (16) but different weights make a wrong pairing silent, so the checks compare
 * predictions, not only errors.
 */
class BackbonePairingTest {

    @TempDir
    Path home;

    private ModelService service;
    private Dataset dataset;
    private BackboneSpec backboneA;
    private BackboneSpec backboneB;
    private Path probe;
    private final TrainingSettings settings =
            TrainingSettings.defaults().withEpochs(3).withBatchSize(8);

    @BeforeEach
    void setUp() throws IOException {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data")), 12, 4, 5);
        backboneA = BackboneSpec.parse(TinyOnnx.write(home.resolve("a.onnx"), 1).toString());
        backboneB = BackboneSpec.parse(TinyOnnx.write(home.resolve("b.onnx"), 2).toString());
        service = TestServices.service(home.resolve("app"));
        dataset = service.openDataset(data).join();
        probe = dataset.samples().get(0).path();
        service.train(dataset, backboneA, settings, TrainingObserver.NONE).join();
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    /** Fails a run after its backbone is open, as a full disk or a crash in extraction would. */
    private static TrainingObserver failingDuring(Phase phase) {
        return new TrainingObserver() {
            @Override
            public void onPhase(Phase p, int done, int total, double eta) {
                if (p == phase && done > 0) {
                    throw new IllegalStateException("simulated failure during " + phase);
                }
            }
        };
    }

    @Test
    void aFailedRunOnAnotherBackboneLeavesTheOldModelPredictingOnItsOwnBackbone() {
        float[] before = service.predict(probe).join().probabilities();
        String shaBefore = service.currentModel().orElseThrow().backbone().sha256();

        assertThatThrownBy(() -> service.train(dataset, backboneB, settings, failingDuring(Phase.EXTRACTING))
                        .join())
                .hasRootCauseMessage("simulated failure during EXTRACTING");

        assertThat(service.currentModel().orElseThrow().backbone().sha256()).isEqualTo(shaBefore);
        assertThat(service.predict(probe).join().probabilities()).containsExactly(before);
    }

    @Test
    void aFailedRunAfterTrainingOnAnotherBackboneChangesNothing() {
        float[] before = service.predict(probe).join().probabilities();
        assertThatThrownBy(() -> service.train(dataset, backboneB, settings, failingDuring(Phase.EVALUATING))
                        .join())
                .hasRootCauseMessage("simulated failure during EVALUATING");
        assertThat(service.predict(probe).join().probabilities()).containsExactly(before);
    }

    @Test
    void aModelWhoseBackboneCheckFailsIsRefusedAndTheCurrentModelStaysWhole() {
        Path saved = service.save(home.resolve("model-a")).join();
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        float[] before = service.predict(probe).join().probabilities();

        assertThatThrownBy(() -> service.loadModel(saved, backboneB).join())
                .hasMessageContaining("trained on the backbone");

        assertThat(service.currentModel().orElseThrow().backbone().kind()).isEqualTo("tiny");
        assertThat(service.predict(probe).join().probabilities()).containsExactly(before);
    }

    @Test
    void continuingOnAnotherBackboneIsRefusedBeforeAnyFeatureIsExtracted() {
        List<Phase> phases = new CopyOnWriteArrayList<>();
        TrainingObserver recorder = new TrainingObserver() {
            @Override
            public void onPhase(Phase phase, int done, int total, double eta) {
                phases.add(phase);
            }
        };
        assertThatThrownBy(() -> service.train(dataset, backboneB, settings, recorder, true)
                        .join())
                .hasMessageContaining("Cannot continue training");
        assertThat(phases).doesNotContain(Phase.EXTRACTING, Phase.TRAINING);
    }

    @Test
    void switchingBackAndForthBetweenBackbonesKeepsEachModelWithItsOwn() {
        float[] onA = service.predict(probe).join().probabilities();
        service.train(dataset, backboneB, settings, TrainingObserver.NONE).join();
        assertThat(service.currentModel().orElseThrow().backbone().source()).endsWith("b.onnx");
        service.train(dataset, backboneA, settings, TrainingObserver.NONE).join();
        assertThat(service.currentModel().orElseThrow().backbone().source()).endsWith("a.onnx");
        assertThat(service.predict(probe).join().probabilities()).containsExactly(onA);
    }
}

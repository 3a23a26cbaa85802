package studio.catdog.ui.mistakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.Session;

/** Issue 10, defect 1: Evaluate in the Mistakes workspace, against a real service with a trained model. */
class MistakesEvaluateTest {

    @TempDir
    Path home;

    @Test
    void evaluateWithATrainedModelPublishesAReportAndNoError() throws Exception {
        Path data = TestImages.datasetWithMistakes(home.resolve("data"), 16, 8);
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(data).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE)
                    .join();
            Session session = new Session();
            session.datasetProperty().set(d);
            MistakesViewModel vm = new MistakesViewModel(service, session, new CurrentThreadTaskExecutor());

            EvaluationReport report = vm.evaluate().get(60, TimeUnit.SECONDS);

            assertThat(session.errorProperty().get()).as("error banner").isNull();
            assertThat(report).isNotNull();
            assertThat(report.images()).isEqualTo(d.samples(Split.TEST).size());
            assertThat(session.evaluationProperty().get()).isSameAs(report);
        }
    }
}

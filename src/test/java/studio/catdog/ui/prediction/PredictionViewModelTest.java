package studio.catdog.ui.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.Session;

class PredictionViewModelTest {

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
    void belowTheThresholdItIsNotSure() {
        Prediction p = new Prediction("x", List.of("cats", "dogs"), new float[] {0.7f, 0.3f});
        assertThat(PredictionViewModel.verdict(p, 0.6)).isEqualTo("cats");
        assertThat(PredictionViewModel.verdict(p, 0.8)).isEqualTo(PredictionViewModel.NOT_SURE);
    }

    @Test
    void refusesNonImagesAndExplainsAMissingModel() throws Exception {
        Session session = new Session();
        PredictionViewModel vm = new PredictionViewModel(service, session, new CurrentThreadTaskExecutor());
        assertThat(vm.messageProperty().get()).startsWith("No model yet");
        Path img = TestImages.writeNoisy(tmp.resolve("a.jpg"), true, new Random(3));
        Path txt = Files.writeString(tmp.resolve("b.txt"), "text");

        vm.predictFiles(List.of(img, txt)).get(10, TimeUnit.SECONDS);

        assertThat(vm.refusals()).extracting(DropRefusal::path).containsExactly(txt);
        assertThat(vm.items()).hasSize(1);
        assertThat(vm.items().get(0).errorProperty().get()).contains("no model");
        vm.clear();
        assertThat(vm.items()).isEmpty();
        assertThat(vm.refusals()).isEmpty();
    }
}

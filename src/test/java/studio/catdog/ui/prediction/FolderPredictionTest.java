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
import studio.catdog.core.prediction.PredictionCsv;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.TrainedModels;
import studio.catdog.ui.common.Session;

/** Folder prediction and the "neither class" threshold, against a tiny trained model; no toolkit. */
class FolderPredictionTest {

    @TempDir
    static Path tmp;

    static ModelService service;

    @BeforeAll
    static void setUp() throws Exception {
        service = TestServices.service(tmp.resolve("home"));
        TrainedModels.train(service, TestImages.datasetWithMistakes(tmp.resolve("data"), 16, 4), 3, false);
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    private static Prediction prediction(String name, float cat, double score, double threshold) {
        return new Prediction(name, List.of("cats", "dogs"), new float[] {cat, 1 - cat}, score, threshold);
    }

    @Test
    void movingTheNoveltyThresholdReflagsWithoutRunningTheModel() {
        PredictionViewModel vm = new PredictionViewModel(service, new Session(), new CurrentThreadTaskExecutor());
        // An unsaved model's manifest has no detector entry yet: the default comes with the predictions.
        vm.addResult(tmp.resolve("a.jpg"), prediction("a", 0.9f, 0.10, 0.3), null);
        assertThat(vm.modelNoveltyThresholdProperty().get()).isEqualTo(0.3);
        vm.addResult(tmp.resolve("b.jpg"), prediction("b", 0.2f, 0.40, 0.3), null);
        vm.addResult(tmp.resolve("c.jpg"), prediction("c", 0.6f, Double.NaN, Double.NaN), null);

        vm.noveltyThresholdProperty().set(0.3);
        assertThat(vm.unfamiliarCountProperty().get()).isEqualTo(1);
        assertThat(vm.items())
                .extracting(i -> vm.unfamiliar(i.predictionProperty().get()))
                .containsExactly(false, true, false);
        vm.noveltyThresholdProperty().set(0.05);
        assertThat(vm.unfamiliarCountProperty().get()).isEqualTo(2);
        vm.noveltyThresholdProperty().set(0.5);
        assertThat(vm.unfamiliarCountProperty().get()).isZero();
        vm.resetNoveltyThreshold();
        assertThat(vm.noveltyThresholdProperty().get()).isEqualTo(0.3);
        assertThat(vm.unfamiliarCountProperty().get()).isEqualTo(1);
    }

    @Test
    void summaryCountsPerClassNeitherAndFailures() {
        List<FolderFileResult> results = List.of(
                new FolderFileResult(Path.of("a"), prediction("a", 0.9f, 0.1, 0.3), null),
                new FolderFileResult(Path.of("b"), prediction("b", 0.8f, 0.5, 0.3), null),
                new FolderFileResult(Path.of("c"), prediction("c", 0.1f, 0.2, 0.3), null),
                new FolderFileResult(Path.of("d"), null, "not an image"));
        assertThat(FolderPrediction.describe(results, List.of("cats", "dogs"), 0.3))
                .isEqualTo("4 images — cats 2, dogs 1; 1 looks like neither class; 1 unreadable");
        assertThat(FolderPrediction.describe(results, List.of("cats", "dogs"), 0.15))
                .isEqualTo("4 images — cats 2, dogs 1; 2 look like neither class; 1 unreadable");
        assertThat(FolderPrediction.describe(results.subList(0, 1), List.of("cats", "dogs"), Double.NaN))
                .isEqualTo("1 images — cats 1, dogs 0");
    }

    @Test
    void aFolderIsClassifiedWithCappedCardsASummaryAndACsvOfEverything() throws Exception {
        Path dir = tmp.resolve("folder");
        Random rnd = new Random(5);
        for (int i = 0; i < 5; i++) {
            TestImages.writeNoisy(dir.resolve("a/cat" + i + ".jpg"), true, rnd);
            TestImages.writeNoisy(dir.resolve("b/dog" + i + ".png"), false, rnd);
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.writeString(dir.resolve("broken.jpg"), "not a jpeg either");
        PredictionViewModel vm = new PredictionViewModel(service, new Session(), new CurrentThreadTaskExecutor());

        vm.folder().start(dir).get(60, TimeUnit.SECONDS);

        FolderPrediction f = vm.folder();
        assertThat(f.runningProperty().get()).isFalse();
        assertThat(f.results()).hasSize(11);
        assertThat(vm.items()).hasSize(11);
        assertThat(f.results())
                .filteredOn(r -> r.error() != null)
                .extracting(r -> r.file().getFileName().toString())
                .containsExactly("broken.jpg");
        assertThat(f.summaryProperty().get())
                .startsWith("11 images — cats ")
                .contains(", dogs ")
                .endsWith("; 1 unreadable");
        assertThat(f.statusProperty().get()).startsWith("Done: 11 images");
        assertThat(f.progressProperty().get()).isEqualTo(1.0);

        Path csv = tmp.resolve("out/results.csv");
        assertThat(f.exportCsv(csv).get(10, TimeUnit.SECONDS)).isEqualTo(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0))
                .isEqualTo("file,label,p_cats,p_dogs,unfamiliar,novelty_score,novelty_threshold,damaged,damage,error");
        List<String> broken = PredictionCsv.read(Files.readString(csv)).records().stream()
                .filter(r -> r.get(0).endsWith("broken.jpg"))
                .findFirst()
                .orElseThrow();
        assertThat(broken.subList(1, 9)).containsOnly("");
        assertThat(broken.get(9)).isNotEmpty();

        vm.clear();
        assertThat(vm.items()).isEmpty();
        assertThat(f.summaryProperty().get()).isEmpty();
    }

    @Test
    void onlyTheFirstCardsAreShownButAllResultsAreKept() throws Exception {
        Path dir = tmp.resolve("many");
        Random rnd = new Random(9);
        for (int i = 0; i < 7; i++) {
            TestImages.writeNoisy(dir.resolve("img" + i + ".jpg"), i % 2 == 0, rnd);
        }
        PredictionViewModel vm = new PredictionViewModel(service, new Session(), new CurrentThreadTaskExecutor(), 3);

        vm.folder().start(dir).get(60, TimeUnit.SECONDS);

        assertThat(vm.folder().results()).hasSize(7);
        assertThat(vm.items())
                .hasSize(3)
                .extracting(PredictionViewModel.Item::name)
                .containsExactly("img0.jpg", "img1.jpg", "img2.jpg");
        assertThat(vm.folder().statusProperty().get()).contains("the first 3 shown as cards");
    }
}

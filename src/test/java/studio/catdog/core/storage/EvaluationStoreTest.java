package studio.catdog.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.CalibrationReport;
import studio.catdog.core.evaluation.ClassMetrics;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Misclassified;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * The evaluations kept per model and data set (issue 20): what is written is read back whole (paths, NaN, the
 * calibration), the key follows the model's identity and the test images and nothing else, and a damaged, foreign
 * or surplus file never comes back.
 */
class EvaluationStoreTest {

    @TempDir
    static Path tmp;

    static ModelService service;
    static Dataset dataset;

    @BeforeAll
    static void setUp() {
        service = TestServices.service(tmp.resolve("home"));
        dataset = service.openDataset(TestImages.datasetWithMistakes(tmp.resolve("data"), 4, 3))
                .join();
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    /** A manifest as model.json has it; read through Gson so the test does not depend on every field. */
    private static ModelManifest manifest(String paramsSha256, double temperature) {
        String json = "{\"formatVersion\":1,\"classes\":[\"cats\",\"dogs\"],"
                + "\"backbone\":{\"kind\":\"tiny\",\"name\":\"tiny\",\"source\":\"tiny\",\"sha256\":\"abc\","
                + "\"featureDim\":3,\"featureLayer\":\"pooled\"},"
                + "\"preprocessing\":{\"resize\":256,\"crop\":224,"
                + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]},"
                + "\"head\":{\"hiddenUnits\":0,\"paramsFile\":\"head.params\","
                + (paramsSha256 == null ? "" : "\"paramsSha256\":\"" + paramsSha256 + "\",")
                + "\"featureMean\":[0.1,0.2,0.3],\"featureStd\":[1,1,1],\"temperature\":" + temperature + "}}";
        return new Gson().fromJson(json, ModelManifest.class);
    }

    private static EvaluationReport report() {
        int[] labels = {0, 0, 1, 1};
        float[][] probs = {{0.9f, 0.1f}, {0.3f, 0.7f}, {0.2f, 0.8f}, {0.6f, 0.4f}};
        float[][] logits = {{2f, 0f}, {0f, 1f}, {0f, 1.5f}, {0.5f, 0f}};
        return new EvaluationReport(
                List.of("cats", "dogs"),
                4,
                0.5,
                0.61,
                List.of(new ClassMetrics("cats", 0.5, 0.5, 0.5, 2), new ClassMetrics("dogs", 0.5, 0.5, 0.5, 2)),
                new int[][] {{1, 1}, {1, 1}},
                Double.NaN,
                List.of(new Misclassified(
                        dataset.root().resolve("test_set/cats/cat 1.png"), "cats", "dogs", probs[1], 1.2)),
                CalibrationReport.of(logits, labels, 1.3),
                labels,
                probs);
    }

    @Test
    void anEvaluationIsReadBackWhole() throws IOException {
        EvaluationStore store = new EvaluationStore(tmp.resolve("whole"));
        String key = EvaluationStore.key(manifest("p1", 1.2), dataset).orElseThrow();
        EvaluationReport written = report();
        Instant at = Instant.parse("2026-12-07T18:05:00Z");

        store.write(key, written, at);
        StoredEvaluation read = store.read(key).orElseThrow();

        assertThat(read.evaluatedAt()).isEqualTo(at);
        EvaluationReport r = read.report();
        assertThat(r.classes()).isEqualTo(written.classes());
        assertThat(r.images()).isEqualTo(4);
        assertThat(r.accuracy()).isEqualTo(0.5);
        assertThat(r.rocAuc()).isNaN();
        assertThat(r.perClass()).isEqualTo(written.perClass());
        assertThat(r.confusion()).isDeepEqualTo(written.confusion());
        assertThat(r.labels()).containsExactly(written.labels());
        assertThat(r.probabilities()).isDeepEqualTo(written.probabilities());
        assertThat(r.misclassified()).hasSize(1);
        assertThat(r.misclassified().get(0).path())
                .isEqualTo(written.misclassified().get(0).path());
        assertThat(r.misclassified().get(0).probabilities()).containsExactly(0.3f, 0.7f);
        assertThat(r.calibration().temperature()).isEqualTo(1.3);
        assertThat(r.calibration().after()).isEqualTo(written.calibration().after());
        assertThat(store.read("0".repeat(64))).isEmpty();
    }

    @Test
    void theKeyFollowsTheModelAndTheTestImagesOnly() throws IOException {
        String key = EvaluationStore.key(manifest("p1", 1.2), dataset).orElseThrow();

        assertThat(EvaluationStore.key(manifest("p1", 1.2), dataset)).contains(key);
        assertThat(EvaluationStore.key(manifest("p2", 1.2), dataset))
                .as("other head parameters")
                .isNotEqualTo(Optional.of(key));
        assertThat(EvaluationStore.key(manifest("p1", 1.0), dataset))
                .as("another temperature")
                .isNotEqualTo(Optional.of(key));
        assertThat(EvaluationStore.key(manifest(null, 1.2), dataset))
                .as("a model not saved yet has no key")
                .isEmpty();

        Path copy = tmp.resolve("data-changed");
        TestImages.datasetWithMistakes(copy, 4, 3);
        Dataset same = service.openDataset(copy).join();
        assertThat(EvaluationStore.key(manifest("p1", 1.2), same))
                .as("the same images in another folder: paths inside the data set, labels and contents agree")
                .contains(key);
        Files.delete(copy.resolve("test_set/cats/cat.0.jpg"));
        Dataset changed = service.openDataset(copy).join();
        assertThat(EvaluationStore.key(manifest("p1", 1.2), changed))
                .as("a test image fewer")
                .isNotEqualTo(Optional.of(key));
    }

    @Test
    void aDamagedOrForeignFileIsIgnored() throws IOException {
        Path dir = tmp.resolve("damaged");
        EvaluationStore store = new EvaluationStore(dir);
        String key = EvaluationStore.key(manifest("p1", 1.2), dataset).orElseThrow();
        store.write(key, report(), Instant.now());
        Path file = dir.resolve(key + ".evaluation.json");

        Files.writeString(file, Files.readString(file).substring(0, 100));
        assertThat(store.read(key)).isEmpty();

        String other = EvaluationStore.key(manifest("p9", 1.2), dataset).orElseThrow();
        store.write(other, report(), Instant.now());
        Files.copy(dir.resolve(other + ".evaluation.json"), file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(store.read(key)).as("a file whose key is another's").isEmpty();
    }

    @Test
    void onlyTheNewestAreKept() throws IOException {
        Path dir = tmp.resolve("pruned");
        EvaluationStore store = new EvaluationStore(dir);
        EvaluationReport r = report();
        for (int i = 0; i < EvaluationStore.KEPT + 3; i++) {
            String key = String.format("%064d", i);
            store.write(key, r, Instant.now());
            Files.setLastModifiedTime(
                    dir.resolve(key + ".evaluation.json"), FileTime.fromMillis(1_000_000_000_000L + i * 1000L));
        }
        store.write(String.format("%064d", 999), r, Instant.now());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(EvaluationStore.KEPT);
        }
        assertThat(store.read(String.format("%064d", 0))).as("the oldest went").isEmpty();
        assertThat(store.read(String.format("%064d", 999))).isPresent();
    }
}

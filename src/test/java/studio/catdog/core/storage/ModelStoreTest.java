package studio.catdog.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelStoreTest {

    @TempDir
    static Path home;

    private Path saved;

    @BeforeAll
    void trainAndSave() {
        Path data = TestImages.splitDataset(home.resolve("data"), 10, 4, 5);
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(data).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE)
                    .join();
            saved = service.save(home.resolve("model")).join();
        }
    }

    @AfterAll
    void nothing() {}

    private Path copy(String name) throws IOException {
        Path target = home.resolve(name);
        try (Stream<Path> files = Files.list(saved)) {
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    @Test
    void aSavedFolderHoldsTheManifestAndParametersAndNothingElse() throws IOException {
        try (Stream<Path> files = Files.list(saved)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.json", "head-0000.params", "novelty.bin");
        }
        try (Stream<Path> siblings = Files.list(home)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".model."));
        }
        ModelManifest m = ModelStore.readManifest(saved);
        assertThat(m.backbone().kind()).isEqualTo("tiny");
        assertThat(m.head().paramsSha256()).hasSize(64);
        assertThat(m.createdAt()).isNotBlank();
    }

    @Test
    void refusesAMissingEditedOrForeignManifest() throws IOException {
        Path missing = copy("missing");
        Files.delete(missing.resolve("model.json"));
        assertThatThrownBy(() -> ModelStore.readManifest(missing))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("no model.json");

        Path edited = copy("edited");
        String json = Files.readString(edited.resolve("model.json"));
        Files.writeString(edited.resolve("model.json"), json.replace("\"cats\",", "\"dogs\","));
        assertThatThrownBy(() -> ModelStore.readManifest(edited)).hasMessageContaining("repeated class");

        Path foreign = copy("foreign");
        Files.writeString(foreign.resolve("model.json"), "{\"name\": \"some other tool\"}");
        assertThatThrownBy(() -> ModelStore.readManifest(foreign)).isInstanceOf(CatdogException.class);

        Path garbage = copy("garbage");
        Files.writeString(garbage.resolve("model.json"), "{{{ not json");
        assertThatThrownBy(() -> ModelStore.readManifest(garbage)).hasMessageContaining("damaged");
    }

    @Test
    void recordsHowTheRunEndedAndStillOpensModelsSavedBeforeEarlyStopping() throws IOException {
        // Another test here replaces the model with a 1-epoch one; either is fine (too short to stop early).
        ModelManifest.Training t = ModelStore.readManifest(saved).training();
        int epochs = t.epochs();
        assertThat(t.epochsRun()).isEqualTo(epochs);
        assertThat(t.history()).hasSize(epochs);
        assertThat(t.epochsTrained()).isEqualTo(epochs);
        assertThat(t.earlyStopping()).isTrue();
        assertThat(t.patience()).isEqualTo(TrainingSettings.DEFAULT_PATIENCE);
        assertThat(t.bestEpoch()).isBetween(1, epochs);
        assertThat(t.keptEpoch()).isEqualTo(t.bestEpoch());

        // A model.json written before early stopping existed: none of its fields.
        Path old = copy("before-early-stopping");
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(
                        Files.readString(old.resolve("model.json")))
                .getAsJsonObject();
        com.google.gson.JsonObject training = json.getAsJsonObject("training");
        for (String field : new String[] {"earlyStopping", "patience", "epochsRun", "bestEpoch", "keptEpoch"}) {
            assertThat(training.remove(field)).as(field).isNotNull();
        }
        Files.writeString(old.resolve("model.json"), json.toString());
        ModelManifest m = ModelStore.readManifest(old);
        assertThat(m.training().epochsRun()).isNull();
        assertThat(m.training().bestEpoch()).isNull();
        assertThat(m.training().earlyStopping()).isNull();
        assertThat(m.training().epochsTrained()).as("from its history").isEqualTo(epochs);
        try (studio.catdog.core.model.TrainedHead head = ModelStore.loadHead(old, m, ai.djl.Device.cpu())) {
            assertThat(head.classes()).containsExactly("cats", "dogs");
            assertThat(head.stop()).isNull();
        }
    }

    @Test
    void refusesChangedParameters() throws IOException {
        Path tampered = copy("tampered");
        Path params = tampered.resolve("head-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);
        assertThatThrownBy(() -> ModelStore.readManifest(tampered)).hasMessageContaining("checksum");
    }

    @Test
    void refusesAHeadTrainedForAnotherBackbone() {
        ModelManifest m = ModelStore.readManifest(saved);
        BackboneInfo other = new BackboneInfo(
                "onnx", "mobilenet.onnx", "/x/mobilenet.onnx", "ab".repeat(32), 1000, "output", "OnnxRuntime", "cpu()");
        assertThatThrownBy(() -> ModelStore.checkBackbone(m, other))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("trained on the backbone")
                .hasMessageContaining("mobilenet.onnx");
    }

    @Test
    void refusesTheSameBackboneGivingOtherFeaturesAndReadsOldModelsOutputAsLogits() {
        ModelManifest m = ModelStore.readManifest(saved);
        ModelManifest.Backbone b = m.backbone();
        BackboneInfo otherLayer = new BackboneInfo(
                b.kind(),
                b.name(),
                b.source(),
                b.sha256(),
                b.featureDim(),
                "pooled".equals(b.featureLayer()) ? "logits" : "pooled",
                "OnnxRuntime",
                "cpu()");
        assertThatThrownBy(() -> ModelStore.checkBackbone(m, otherLayer))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("trained on the backbone");
        // Models saved before the choice existed recorded their ONNX or TorchScript output as "output".
        ModelManifest old = new ModelManifest(
                m.formatVersion(),
                m.app(),
                m.createdAt(),
                m.classes(),
                new ModelManifest.Backbone(b.kind(), b.name(), b.source(), b.sha256(), b.featureDim(), "output"),
                m.preprocessing(),
                m.head(),
                m.training(),
                m.metrics(),
                m.novelty(),
                m.earlierRuns());
        ModelStore.checkBackbone(
                old,
                new BackboneInfo(
                        b.kind(), b.name(), b.source(), b.sha256(), b.featureDim(), "logits", "OnnxRuntime", "cpu()"));
    }

    @Test
    void recoversTheOldModelWhenASaveDiedBetweenItsTwoRenames() throws IOException {
        Path model = copy("crashy");
        Path aside = home.resolve(".crashy.old-1234");
        Files.move(model, aside);
        Path partial = Files.createDirectories(home.resolve(".crashy.saving-5678"));
        Files.writeString(partial.resolve("model.json"), "{");
        ModelManifest m = ModelStore.readManifest(model);
        assertThat(m.classes()).containsExactly("cats", "dogs");
        assertThat(aside).doesNotExist();
        assertThat(partial).doesNotExist();
    }

    @Test
    void refusesToOverwriteAFolderThatIsNotAModel() throws IOException {
        Path precious = Files.createDirectories(home.resolve("precious"));
        Files.writeString(precious.resolve("thesis.txt"), "years of work");
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(home.resolve("data")).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();
            assertThatThrownBy(() -> service.save(precious).join())
                    .hasCauseInstanceOf(CatdogException.class)
                    .cause()
                    .hasMessageContaining("not a CatDog Studio model folder");
            // Replacing an existing model folder works and leaves no temporary folders behind.
            service.save(saved).join();
        }
        assertThat(precious.resolve("thesis.txt")).hasContent("years of work");
        try (Stream<Path> siblings = Files.list(home)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".model."));
        }
        try (Stream<Path> walk = Files.walk(home.resolve("nothing-here-" + 0).getParent())) {
            assertThat(walk.sorted(Comparator.reverseOrder()).count()).isPositive();
        }
    }
}

package studio.catdog.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.model.TrainedHead;
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

        // An unsealed model.json (saved before sealing) is still checked field by field.
        Path edited = copy("edited");
        unseal(edited);
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
        ManifestTraining t = ModelStore.readManifest(saved).training();
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
        JsonObject json = JsonParser.parseString(Files.readString(old.resolve("model.json")))
                .getAsJsonObject();
        JsonObject training = json.getAsJsonObject("training");
        for (String field : new String[] {"earlyStopping", "patience", "epochsRun", "bestEpoch", "keptEpoch"}) {
            assertThat(training.remove(field)).as(field).isNotNull();
        }
        json.remove("manifestSha256"); // nor a seal
        Files.writeString(old.resolve("model.json"), json.toString());
        ModelManifest m = ModelStore.readManifest(old);
        assertThat(m.training().epochsRun()).isNull();
        assertThat(m.training().bestEpoch()).isNull();
        assertThat(m.training().earlyStopping()).isNull();
        assertThat(m.training().epochsTrained()).as("from its history").isEqualTo(epochs);
        try (TrainedHead head = ModelStore.loadHead(old, m, Device.cpu())) {
            assertThat(head.classes()).containsExactly("cats", "dogs");
            assertThat(head.stop()).isNull();
        }
    }

    /** Rewrites model.json without its seal, as models were saved before sealing existed. */
    private static void unseal(Path model) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(model.resolve("model.json")))
                .getAsJsonObject();
        assertThat(json.remove("manifestSha256")).isNotNull();
        Files.writeString(
                model.resolve("model.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(json));
    }

    /** Edits model.json as a person would: parsed, one value changed, written back (seal and all). */
    private Path edit(String name, Consumer<JsonObject> change) throws IOException {
        Path copy = copy(name);
        JsonObject json = JsonParser.parseString(Files.readString(copy.resolve("model.json")))
                .getAsJsonObject();
        change.accept(json);
        Files.writeString(
                copy.resolve("model.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(json));
        return copy;
    }

    @Test
    void aSealedModelJsonRefusesEveryEditAndAnOldUnsealedOneOpensWithANotice() throws IOException {
        assertThat(Files.readString(saved.resolve("model.json"))).startsWith("{\n  \"manifestSha256\": \"");
        assertThat(ModelStore.isSealed(saved)).isTrue();
        Map<String, Consumer<JsonObject>> edits = new LinkedHashMap<>();
        edits.put("temperature", j -> j.getAsJsonObject("head").addProperty("temperature", 0.05));
        edits.put("featureMean", j -> {
            JsonArray mean = j.getAsJsonObject("head").getAsJsonArray("featureMean");
            mean.set(0, new JsonPrimitive(mean.get(0).getAsDouble() + 0.5));
        });
        edits.put("classes", j -> {
            JsonArray c = j.getAsJsonArray("classes");
            JsonElement first = c.get(0);
            c.set(0, c.get(1));
            c.set(1, first);
        });
        edits.put("backbone checksum", j -> {
            JsonObject b = j.getAsJsonObject("backbone");
            String sha = b.get("sha256").getAsString();
            b.addProperty("sha256", sha.substring(0, 40) + (sha.charAt(40) == '0' ? '1' : '0') + sha.substring(41));
        });
        edits.put("seal itself", j -> j.addProperty("manifestSha256", "0".repeat(64)));
        edits.put("nothing but the layout", j -> {});
        for (var e : edits.entrySet()) {
            Path tampered = e.getKey().equals("nothing but the layout")
                    ? copyWithText("layout", t -> t.replace("\n  ", "\n    "))
                    : edit("edit-" + e.getKey().replace(' ', '-'), e.getValue());
            assertThatThrownBy(() -> ModelStore.readManifest(tampered))
                    .as(e.getKey())
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("model.json was changed after it was saved");
        }
        Path old = copy("unsealed");
        unseal(old);
        assertThat(ModelStore.isSealed(old)).isFalse();
        assertThat(ModelStore.readManifest(old).classes()).containsExactly("cats", "dogs");
        assertThat(ModelStore.unsealedNotice(old))
                .contains("saved before model files were sealed")
                .doesNotContain("\n");
    }

    private Path copyWithText(String name, UnaryOperator<String> change) throws IOException {
        Path copy = copy(name);
        Files.writeString(copy.resolve("model.json"), change.apply(Files.readString(copy.resolve("model.json"))));
        return copy;
    }

    /**
     * A model folder made by someone else may be consistent (sealed, checksums right) and still declare
     * sizes meant to exhaust memory: each is checked against the file's length and a bound first.
     */
    @Test
    void hostileCountsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        ModelManifest m = ModelStore.readManifest(saved);

        // novelty.bin declaring 1,000,000 vectors: header rewritten, checksum and seal made consistent.
        Path novelty = copy("novelty-bomb");
        Path bin = novelty.resolve("novelty.bin");
        byte[] bytes = Files.readAllBytes(bin);
        ByteBuffer.wrap(bytes).putInt(4, 1_000_000);
        Files.write(bin, bytes);
        ManifestNovelty n = m.novelty();
        reseal(
                novelty,
                withNovelty(m, new ManifestNovelty(n.file(), BackboneFactory.sha256(bin), n.threshold(), 1_000_000)));
        assertThatThrownBy(() -> ModelStore.readManifest(novelty))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("novelty.bin declares 1000000 vectors");

        // hiddenUnits far above the training bound, and a plausible one with a parameter file far too small.
        for (int hidden : new int[] {400_000, 60_000}) {
            Path wide = copy("hidden-" + hidden);
            ManifestHead h = m.head();
            reseal(
                    wide,
                    withHead(
                            m,
                            new ManifestHead(
                                    hidden,
                                    h.paramsFile(),
                                    h.paramsSha256(),
                                    h.featureMean(),
                                    h.featureStd(),
                                    h.temperature())));
            assertThatThrownBy(() -> ModelStore.readManifest(wide))
                    .as("hidden " + hidden)
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining(hidden == 400_000 ? "at most 65536" : "head-0000.params has");
        }

        Path huge = copy("huge-json");
        try (var out = Files.newBufferedWriter(huge.resolve("model.json"))) {
            out.write("{\"classes\": [\"");
            for (int i = 0; i < 17 << 10; i++) {
                out.write("x".repeat(1024));
            }
            out.write("\"]}");
        }
        assertThatThrownBy(() -> ModelStore.readManifest(huge))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("refused unread");
    }

    /** A backbone path in model.json is resolved against the model folder and must stay inside it. */
    @Test
    void aBackbonePathLeadingOutOfTheModelFolderIsRefused() throws IOException {
        ModelManifest m = ModelStore.readManifest(saved);
        Path folder = copy("paths");
        Files.createDirectories(folder.resolve("evil"));
        Files.writeString(folder.resolve("evil/backbone.onnx"), "x");
        Files.writeString(home.resolve("outside.onnx"), "x");
        Files.createSymbolicLink(folder.resolve("link.onnx"), home.resolve("outside.onnx"));
        for (String source :
                new String[] {"../outside.onnx", home.resolve("outside.onnx").toString(), "link.onnx"}) {
            assertThatThrownBy(() -> ModelStore.backboneFile(folder, onnx(m, source)))
                    .as(source)
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("outside the model folder");
        }
        // Relative to the folder, not to the working directory.
        assertThat(ModelStore.backboneFile(folder, onnx(m, "evil/backbone.onnx")))
                .isEqualTo(folder.resolve("evil/backbone.onnx").toRealPath());
    }

    @Test
    void aBackboneWhoseChecksumDiffersInOneLateDigitIsShownWholeAndNamed() throws IOException {
        ModelManifest m = ModelStore.readManifest(saved);
        String recorded = m.backbone().sha256();
        String other = recorded.substring(0, 60) + (recorded.charAt(60) == 'a' ? 'b' : 'a') + recorded.substring(61);
        Path file = Files.writeString(home.resolve("given-backbone.bin"), "x");
        BackboneInfo given = new BackboneInfo(
                m.backbone().kind(),
                m.backbone().name(),
                file.toString(),
                other,
                m.backbone().featureDim(),
                m.backbone().featureLayer(),
                "PyTorch",
                "cpu()");
        assertThatThrownBy(() -> ModelStore.checkBackbone(m, given))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(recorded)
                .hasMessageContaining(other)
                .hasMessageContaining("the backbone file " + file);
    }

    private static ModelManifest onnx(ModelManifest m, String source) {
        ManifestBackbone b = m.backbone();
        return withBackbone(
                m, new ManifestBackbone("onnx", b.name(), source, b.sha256(), b.featureDim(), b.featureLayer()));
    }

    private static ModelManifest withBackbone(ModelManifest m, ManifestBackbone b) {
        return new ModelManifest(
                m.formatVersion(),
                m.app(),
                m.createdAt(),
                m.classes(),
                b,
                m.preprocessing(),
                m.head(),
                m.training(),
                m.metrics(),
                m.novelty(),
                m.earlierRuns());
    }

    private static ModelManifest withHead(ModelManifest m, ManifestHead h) {
        return new ModelManifest(
                m.formatVersion(),
                m.app(),
                m.createdAt(),
                m.classes(),
                m.backbone(),
                m.preprocessing(),
                h,
                m.training(),
                m.metrics(),
                m.novelty(),
                m.earlierRuns());
    }

    private static ModelManifest withNovelty(ModelManifest m, ManifestNovelty n) {
        return new ModelManifest(
                m.formatVersion(),
                m.app(),
                m.createdAt(),
                m.classes(),
                m.backbone(),
                m.preprocessing(),
                m.head(),
                m.training(),
                m.metrics(),
                n,
                m.earlierRuns());
    }

    private static void reseal(Path model, ModelManifest m) throws IOException {
        Files.writeString(model.resolve("model.json"), ModelStore.sealedJson(m));
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
        ManifestBackbone b = m.backbone();
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
                new ManifestBackbone(b.kind(), b.name(), b.source(), b.sha256(), b.featureDim(), "output"),
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
                    .hasMessageContaining("holds files this job did not write (thesis.txt)");
            // A model.json among other files does not make a folder a model (issue 23): nothing is deleted.
            Path mixed = copy("mixed");
            Files.writeString(mixed.resolve("thesis.txt"), "years of work");
            assertThatThrownBy(() -> service.save(mixed).join())
                    .cause()
                    .hasMessageContaining("holds files this job did not write (thesis.txt)");
            assertThat(mixed.resolve("thesis.txt")).hasContent("years of work");
            assertThat(mixed.resolve("model.json")).exists();
            // Nor is the data set itself, or a folder inside it.
            for (Path inData : new Path[] {home.resolve("data"), home.resolve("data/training_set/model")}) {
                assertThatThrownBy(() -> service.save(inData).join())
                        .as(inData.toString())
                        .cause()
                        .hasMessageContaining("input");
            }
            assertThat(home.resolve("data/training_set/model")).doesNotExist();
            // The app's Save as: a folder holding a model is replaced only once the user confirms.
            assertThatThrownBy(() -> service.save(saved, false).join())
                    .cause()
                    .isInstanceOf(OutputFolders.ExistsException.class)
                    .hasMessageContaining(saved.toString());
            service.save(saved, true).join();
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

package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.TorchScriptRefusedException;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * TorchScript holds code that PyTorch runs when it loads the file. Before consent, a model folder whose
 * model.json named a TorchScript file had it loaded and run by {@code catdog predict}, which refused it
 * on the checksum only afterwards. Here a file is opened only after its checksum matches and the user
 * consented; the files are random bytes, so a file that was opened says "not a usable torchscript model".
 */
class TorchScriptConsentTest {

    @TempDir
    Path dir;

    private PropertyOverride home;

    @BeforeEach
    void home() {
        home = PropertyOverride.set("catdog.home", dir.resolve("cli-home").toString());
    }

    @AfterEach
    void restore() {
        home.close();
    }

    /** A policy that records what it was asked and answers as told. */
    private static final class Recording implements TorchScriptTrust {
        final List<String> asked = new ArrayList<>();
        final boolean answer;

        Recording(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean allows(Path file, String sha256) {
            asked.add(file + " " + sha256);
            return answer;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private Path junkTorchScript(String name) throws Exception {
        byte[] junk = new byte[2048];
        new Random(name.hashCode()).nextBytes(junk);
        return Files.write(dir.resolve(name), junk);
    }

    @Test
    void aTorchScriptFileIsOpenedOnlyWithConsentAskedWithItsSha256() throws Exception {
        Path pt = junkTorchScript("someone-elses.pt");
        String expected = pt.toAbsolutePath() + " " + sha256(pt);
        BackboneSpec spec = BackboneSpec.parse(pt.toString());

        assertThatThrownBy(() -> new BackboneFactory(new Engines()).open(spec, null))
                .isInstanceOfSatisfying(TorchScriptRefusedException.class, e -> {
                    assertThat(e.file()).isEqualTo(pt.toAbsolutePath());
                    assertThat(e.sha256()).isEqualTo(expected.substring(expected.indexOf(' ') + 1));
                })
                .hasMessageContaining("TorchScript holds code")
                .hasMessageContaining("not opened");

        Recording no = new Recording(false);
        assertThatThrownBy(() -> new BackboneFactory(new Engines())
                        .withTorchScriptTrust(no)
                        .open(spec, null))
                .isInstanceOf(TorchScriptRefusedException.class);
        assertThat(no.asked).containsExactly(expected);

        Recording yes = new Recording(true);
        assertThatThrownBy(() -> new BackboneFactory(new Engines())
                        .withTorchScriptTrust(yes)
                        .open(spec, null))
                .isInstanceOf(CatdogException.class)
                .isNotInstanceOf(TorchScriptRefusedException.class)
                .hasMessageContaining("is not a usable torchscript model");
        assertThat(yes.asked).containsExactly(expected);
    }

    /** Trains a tiny model, saves it, and makes its model.json name a TorchScript file inside the folder. */
    private Path modelNaming(Path pt, String recordedSha) throws Exception {
        Path data = TestImages.splitDataset(dir.resolve("data"), 6, 2, 1);
        Path model = dir.resolve("received-model");
        try (ModelService s = TestServices.service(dir.resolve("home"))) {
            Dataset d = s.openDataset(data).join();
            s.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();
            s.save(model).join();
        }
        // The file travels inside the received folder, named relative to it (a path out of the folder is refused
        // before any of this: ModelStoreTest).
        Files.copy(pt, model.resolve(pt.getFileName()));
        Path manifest = model.resolve("model.json");
        JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        JsonObject backbone = json.getAsJsonObject("backbone");
        backbone.addProperty("kind", "torchscript");
        backbone.addProperty("name", pt.getFileName().toString());
        backbone.addProperty("source", pt.getFileName().toString());
        backbone.addProperty("sha256", recordedSha);
        // A folder made by someone else: written without a seal, as models saved before sealing were (a seal is a
        // checksum, not a signature, so it proves nothing about who wrote the file).
        json.remove("manifestSha256");
        Files.writeString(manifest, json.toString());
        return model;
    }

    @Test
    void aModelFolderNamingAForeignTorchScriptFileIsRefusedBeforeItIsRead() throws Exception {
        Path pt = junkTorchScript("backbone.pt");
        Path model = modelNaming(pt, sha256(pt));
        pt = model.resolve(pt.getFileName());
        Path image = dir.resolve("data/test_set/cats/cats.1000.png");

        // Core: asked once with the file's checksum, refused, nothing opened.
        Recording no = new Recording(false);
        try (ModelService s = TestServices.service(dir.resolve("home2"), no)) {
            assertThatThrownBy(() -> s.loadModel(model, null).await())
                    .isInstanceOf(TorchScriptRefusedException.class)
                    .hasMessageContaining(pt.toAbsolutePath().toString());
            assertThat(s.currentManifest()).isEmpty();
        }
        assertThat(no.asked).containsExactly(pt.toAbsolutePath() + " " + sha256(pt));

        // Command line: refused without --trust-torchscript, with the flag named.
        CliRun refused = CliRun.of("predict", "--model", model.toString(), image.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("is a TorchScript file")
                .contains("Add --trust-torchscript")
                .doesNotContain("not a usable");
        // With the flag the file is opened (and, being random bytes, is no model).
        CliRun trusted = CliRun.of("predict", "--trust-torchscript", "--model", model.toString(), image.toString());
        assertThat(trusted.code()).isEqualTo(1);
        assertThat(trusted.err()).contains("is not a usable torchscript model");
    }

    @Test
    void aBackboneFileWhoseChecksumIsNotTheModelsIsRefusedBeforeAnyQuestion() throws Exception {
        Path pt = junkTorchScript("backbone.pt");
        Path model = modelNaming(pt, "0".repeat(64));
        pt = model.resolve(pt.getFileName());

        Recording yes = new Recording(true);
        try (ModelService s = TestServices.service(dir.resolve("home2"), yes)) {
            assertThatThrownBy(() -> s.loadModel(model, null).await())
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("This model was trained on the backbone 'backbone.pt'")
                    .hasMessageContaining(sha256(pt))
                    .hasMessageContaining("the file was not opened");
            // The same for a file given instead of the recorded one.
            Path other = junkTorchScript("other.pt");
            assertThatThrownBy(() -> s.loadModel(model, BackboneSpec.parse(other.toString()))
                            .await())
                    .hasMessageContaining("but the backbone given is " + other);
        }
        assertThat(yes.asked).isEmpty();
        CliRun run = CliRun.of("predict", "--trust-torchscript", "--model", model.toString(), pt.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("This model was trained on the backbone").contains("the file was not opened");
    }

    @Test
    void everyCommandThatOpensABackboneTakesTheFlagAndRefusesWithoutIt() throws Exception {
        Path pt = junkTorchScript("backbone.pt");
        Path data = TestImages.splitDataset(dir.resolve("data"), 4, 2, 2);
        String[][] commands = {
            {
                "train",
                "--data",
                data.toString(),
                "--backbone",
                pt.toString(),
                "--model",
                dir.resolve("m").toString()
            },
            {"audit", "--data", data.toString(), "--backbone", pt.toString()},
            {"bench", "--data", data.resolve("training_set").toString(), "--backbone", pt.toString(), "--images", "2"},
        };
        for (String[] c : commands) {
            CliRun refused = CliRun.of(c);
            assertThat(refused.code()).as(String.join(" ", c)).isEqualTo(1);
            assertThat(refused.err()).as(c[0]).contains("Add --trust-torchscript");
            String[] withFlag = new String[c.length + 1];
            withFlag[0] = c[0];
            withFlag[1] = "--trust-torchscript";
            System.arraycopy(c, 1, withFlag, 2, c.length - 1);
            CliRun opened = CliRun.of(withFlag);
            assertThat(opened.code()).as(String.join(" ", withFlag)).isEqualTo(1);
            assertThat(opened.err()).as(c[0]).contains("is not a usable torchscript model");
        }
        for (String c : new String[] {"evaluate", "predict", "explain", "export"}) {
            assertThat(CliRun.of(c, "--help").out()).as(c).contains("--trust-torchscript");
        }
    }
}

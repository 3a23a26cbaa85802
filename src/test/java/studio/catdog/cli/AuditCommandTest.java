package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCommandTest {

    @TempDir
    static Path dir;

    private Path data;
    private PropertyOverride home;

    @BeforeAll
    void setUp() throws Exception {
        home = PropertyOverride.set("catdog.home", dir.resolve("home").toString());
        data = TestImages.splitDataset(dir.resolve("data"), 20, 8, 3);
        // The same picture in training and test, in another format (so not byte-identical): a leak.
        ImageIO.write(
                ImageDecoder.decode(data.resolve("training_set/cats/cats.3.jpg")),
                "png",
                data.resolve("test_set/cats/copy-of-cats.3.png").toFile());
    }

    @AfterAll
    void restore() {
        home.close();
    }

    @Test
    void printsATableThenOneJsonLineWithSuspectsGroupsAndLeaks() {
        CliRun r = CliRun.of("audit", "--data", data.toString(), "--backbone", "tiny", "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "Possible label errors:",
                        " likely and ",
                        "Near-duplicate groups inside a split:",
                        "Leaked into test");
        JsonObject json = r.lastJson();
        assertThat(json.get("trainImages").getAsInt()).isEqualTo(40);
        assertThat(json.get("testImages").getAsInt()).isEqualTo(17);
        assertThat(json.getAsJsonArray("classes").toString()).isEqualTo("[\"cats\",\"dogs\"]");
        assertThat(json.getAsJsonObject("classThresholds").keySet()).containsExactly("cats", "dogs");
        boolean possibleSeen = false;
        long likely = 0;
        for (JsonElement e : json.getAsJsonArray("labelSuspects")) {
            JsonObject s = e.getAsJsonObject();
            assertThat(s.keySet())
                    .contains(
                            "file",
                            "split",
                            "givenClass",
                            "suggestedClass",
                            "score",
                            "probabilities",
                            "neighbourShares",
                            "neighbourAgreement",
                            "nearestOfGivenClass",
                            "nearestOfSuggestedClass",
                            "tier");
            assertThat(s.get("neighbourAgreement").getAsDouble()).isBetween(0.0, 1.0);
            // Test labels are audited too; the split says which.
            assertThat(s.get("split").getAsString()).isIn("train", "test");
            assertThat(s.getAsJsonArray("nearestOfGivenClass")).isNotEmpty();
            for (JsonElement n : s.getAsJsonArray("nearestOfSuggestedClass")) {
                assertThat(n.getAsString())
                        .contains("/" + s.get("suggestedClass").getAsString() + "/");
            }
            assertThat(s.get("givenClass").getAsString())
                    .isNotEqualTo(s.get("suggestedClass").getAsString());
            // Every likely suspect comes before the possible ones.
            assertThat(s.get("tier").getAsString()).isIn("likely", "possible");
            if (s.get("tier").getAsString().equals("possible")) {
                possibleSeen = true;
            } else {
                assertThat(possibleSeen)
                        .as("a likely suspect after a possible one")
                        .isFalse();
                likely++;
            }
        }
        assertThat(json.get("likelySuspects").getAsLong()).isEqualTo(likely);
        // Each tier's measured precision, in plain words.
        assertThat(json.getAsJsonObject("tiers").get("likely").getAsString()).contains("%");
        assertThat(json.getAsJsonObject("tiers").get("possible").getAsString()).contains("%");
        // The generated pictures are simple and the tiny backbone's features coarse, so other pairs may be
        // listed too; the planted copy is the most similar one.
        JsonObject leak = json.getAsJsonArray("leakedIntoTest").get(0).getAsJsonObject();
        assertThat(leak.get("train").getAsString()).endsWith("cats.3.jpg");
        assertThat(leak.get("test").getAsString()).endsWith("copy-of-cats.3.png");
        assertThat(leak.get("cosine").getAsDouble()).isGreaterThan(0.99);
        assertThat(json.has("duplicateGroups")).isTrue();
        assertThat(json.get("featuresComputed").getAsInt()
                        + json.get("featuresFromCache").getAsInt())
                .isEqualTo(57);
    }

    @Test
    void jsonOnlyAndKeptFindingsAreNotListedAgain() throws Exception {
        Path keep = dir.resolve("keep");
        TestImages.splitDataset(keep, 20, 8, 3);
        ImageIO.write(
                ImageDecoder.decode(keep.resolve("training_set/cats/cats.3.jpg")),
                "png",
                keep.resolve("test_set/cats/copy-of-cats.3.png").toFile());
        CliRun first = CliRun.of("audit", "--data", keep.toString(), "--backbone", "tiny", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.lines()).hasSize(1);
        DatasetEdits edits = DatasetEdits.open(keep);
        for (JsonElement e : first.lastJson().getAsJsonArray("labelSuspects")) {
            Path f = Path.of(e.getAsJsonObject().get("file").getAsString());
            edits.keep(DatasetScanner.sha256(Files.readAllBytes(f)), f);
        }
        int leaks = 0;
        for (JsonElement e : first.lastJson().getAsJsonArray("leakedIntoTest")) {
            Path train = Path.of(e.getAsJsonObject().get("train").getAsString());
            Path test = Path.of(e.getAsJsonObject().get("test").getAsString());
            edits.keepPair(
                    DatasetScanner.sha256(Files.readAllBytes(train)), DatasetScanner.sha256(Files.readAllBytes(test)));
            leaks++;
        }
        assertThat(leaks).isPositive();
        // A move recorded but never made (a crash in between): reading the journal mends it in memory only.
        Path journal = edits.journalFile();
        JsonObject withStale = JsonParser.parseString(Files.readString(journal)).getAsJsonObject();
        JsonObject stale = new JsonObject();
        stale.addProperty("id", "stale-1");
        stale.addProperty("kind", "TO_CLASS");
        stale.addProperty("from", "training_set/cats/cats.0.jpg");
        stale.addProperty("to", "training_set/dogs/cats.0.jpg");
        stale.addProperty(
                "sha256", DatasetScanner.sha256(Files.readAllBytes(keep.resolve("training_set/cats/cats.0.jpg"))));
        stale.addProperty("time", "2026-01-02T03:04:05Z");
        withStale.getAsJsonArray("moves").add(stale);
        Files.writeString(journal, withStale.toString());
        Files.setLastModifiedTime(journal, FileTime.fromMillis(1_000_000_000L));
        byte[] journalBefore = Files.readAllBytes(journal);

        CliRun second = CliRun.of("audit", "--data", keep.toString(), "--backbone", "tiny", "--json");
        // The README says the audit changes nothing: not even the journal it reads.
        assertThat(Files.readAllBytes(journal)).isEqualTo(journalBefore);
        assertThat(Files.getLastModifiedTime(journal).toMillis()).isEqualTo(1_000_000_000L);
        JsonObject json = second.lastJson();
        assertThat(json.getAsJsonArray("labelSuspects")).isEmpty();
        assertThat(json.getAsJsonArray("leakedIntoTest")).isEmpty();
        assertThat(json.get("keptHidden").getAsInt())
                .isGreaterThanOrEqualTo(
                        first.lastJson().getAsJsonArray("labelSuspects").size() + leaks);
        assertThat(json.get("featuresFromCache").getAsInt()).isEqualTo(57);
    }

    @Test
    void wrongUsageExitsWith2() {
        CliRun missing = CliRun.of("audit", "--backbone", "tiny");
        assertThat(missing.code()).isEqualTo(CatdogCli.EXIT_USAGE);
        assertThat(missing.err()).contains("--data");
        CliRun nowhere = CliRun.of("audit", "--data", dir.resolve("nowhere").toString(), "--backbone", "tiny");
        assertThat(nowhere.code()).isEqualTo(CatdogCli.EXIT_FAILED);
        assertThat(nowhere.err()).contains("does not exist");
    }
}

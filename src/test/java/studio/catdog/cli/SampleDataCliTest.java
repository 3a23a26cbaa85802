package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.sample.SampleDataSource;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.SampleArchives;

/**
 * {@code catdog sample-data} under {@code CATDOG_SAMPLE_DATA_URL} (here its system property) pointing at
 * a generated archive on the loopback address: the layout, the JSON summary as the last line, a second
 * run that does nothing, and the refusals with their exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleDataCliTest {

    @TempDir
    static Path dir;

    private FakeFileServer server;
    private PropertyOverride home;
    private PropertyOverride offline;

    @BeforeAll
    void setUp() throws IOException {
        byte[] archive = new SampleArchives()
                .photos("Cat", 0, 8, 1)
                .photos("Dog", 0, 8, 2)
                .entry("PetImages/Cat/666.jpg", new byte[0])
                .build();
        server = new FakeFileServer().serve("kagglecatsanddogs_5340.zip", archive);
        System.setProperty(
                SampleDataSource.URL_PROPERTY,
                server.url("kagglecatsanddogs_5340.zip").toString());
        home = PropertyOverride.set("catdog.home", dir.resolve("home").toString());
        // Surefire runs DJL offline, which switches downloads off; this test downloads from loopback only.
        offline = PropertyOverride.set("ai.djl.offline", "false");
    }

    @AfterAll
    void restore() {
        server.close();
        System.clearProperty(SampleDataSource.URL_PROPERTY);
        home.close();
        offline.close();
    }

    @Test
    void makesTheDataSetAndEndsWithOneJsonLineThenASecondRunDoesNothing() {
        Path out = dir.resolve("sample");

        CliRun first = CliRun.of("sample-data", "--out", out.toString(), "--limit", "5");

        assertThat(first.code()).as(first.err()).isZero();
        JsonObject json = first.lastJson();
        assertThat(json.get("alreadyComplete").getAsBoolean()).isFalse();
        assertThat(json.get("images").getAsInt()).isEqualTo(10);
        assertThat(json.getAsJsonObject("trainingSet").get("cats").getAsInt()).isEqualTo(4);
        assertThat(json.getAsJsonObject("testSet").get("dogs").getAsInt()).isEqualTo(1);
        assertThat(json.get("limitPerClass").getAsInt()).isEqualTo(5);
        assertThat(json.get("archiveSha256").getAsString()).hasSize(64);
        assertThat(Files.isDirectory(out.resolve("training_set/cats"))).isTrue();
        assertThat(Files.isDirectory(out.resolve("test_set/dogs"))).isTrue();
        assertThat(first.err()).contains("Done: 10 images");

        CliRun second = CliRun.of("sample-data", "--out", out.toString(), "--limit", "5");

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.lastJson().get("alreadyComplete").getAsBoolean()).isTrue();
        assertThat(second.lastJson().get("images").getAsInt()).isEqualTo(10);
        assertThat(second.err()).contains("Already complete");
    }

    @Test
    void brokenFilesAreListedOnStderrAndInTheJson() {
        Path out = dir.resolve("all");

        CliRun r = CliRun.of("sample-data", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("skipped PetImages/Cat/666.jpg: empty file (0 bytes)");
        assertThat(r.lastJson().get("skipped").getAsInt()).isEqualTo(1);
        assertThat(r.lastJson()
                        .getAsJsonArray("skippedFiles")
                        .get(0)
                        .getAsJsonObject()
                        .get("entry")
                        .getAsString())
                .isEqualTo("PetImages/Cat/666.jpg");
        assertThat(r.lastJson().get("limitPerClass").isJsonNull()).isTrue();
    }

    @Test
    void aFolderWithOtherFilesFailsWithExitOneAndAPlainMessage() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("keep.txt"), "mine");

        CliRun r = CliRun.of("sample-data", "--out", mine.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error: ").contains("is not empty").doesNotContain("\tat ");
        assertThat(mine.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void aLimitBelowOneIsWrongUsage() {
        CliRun r = CliRun.of("sample-data", "--out", dir.resolve("x").toString(), "--limit", "0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be 1 or more");
    }
}

package studio.catdog.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.SampleArchives;

/**
 * The sample data download against a generated archive served on the loopback address: broken entries,
 * a dropped connection that resumes, interrupted runs that the next run finishes, a second run that
 * does nothing, a zip-slip entry and a damaged entry refused, and folders that are not its own left
 * alone.
 */
class SampleDataTest {

    private static final String NAME = "kagglecatsanddogs_5340.zip";
    private static final int GOOD_PER_CLASS = 24;

    @TempDir
    Path dir;

    private FakeFileServer server;
    private SampleArchives contents;
    private byte[] archive;
    private long freeBytes = Long.MAX_VALUE;
    private boolean offline;

    @BeforeEach
    void start() throws IOException {
        contents = new SampleArchives()
                .photos("Cat", 0, GOOD_PER_CLASS, 1)
                .photos("Dog", 0, GOOD_PER_CLASS, 2)
                .entry("PetImages/Cat/666.jpg", new byte[0])
                .entry("PetImages/Cat/700.jpg", "this is no photo".getBytes(StandardCharsets.UTF_8))
                .entry("PetImages/Cat/Thumbs.db", SampleArchives.noise(3000, 5))
                .entry("PetImages/Dog/11702.jpg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00, 0x11})
                .entry("PetImages/Dog/Thumbs.db", SampleArchives.noise(2000, 6))
                // An incompressible extra (the real archive carries its licence and a read-me) makes the
                // download span several chunks.
                .storedEntry("CDLA-Permissive-2.0.pdf", SampleArchives.noise(300_000, 7))
                .entry("readme[1].txt", "Microsoft Kaggle Cats and Dogs".getBytes(StandardCharsets.UTF_8))
                .entry("PetImages/Cat/sub/1.jpg", new byte[] {1});
        archive = contents.build();
        server = new FakeFileServer().serve(NAME, archive);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SampleData service() {
        return new SampleData(
                new HttpFetcher(
                        new HttpFetcher.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofMillis(10))),
                () -> new SampleDataSource(server.url(NAME), true, archive.length, 2 * GOOD_PER_CLASS),
                offline,
                d -> freeBytes,
                2);
    }

    private SampleDataResult run(Path out, int limit) {
        return service().run(out, limit, new Context(null));
    }

    /** A job context that cancels itself when a progress report matches. */
    private static final class Context implements JobContext {
        private final CancellationToken token = new CancellationToken();
        private final BiPredicate<String, Double> cancelWhen;
        final List<String> steps = new ArrayList<>();

        Context(BiPredicate<String, Double> cancelWhen) {
            this.cancelWhen = cancelWhen;
        }

        @Override
        public CancellationToken token() {
            return token;
        }

        @Override
        public void progress(String step, double done, double total, double etaSeconds) {
            steps.add(step);
            if (cancelWhen != null && cancelWhen.test(step, done)) {
                token.cancel();
            }
        }
    }

    /** Every image file under the data set, as "training_set/cats/3.jpg" -> size, hidden files left out. */
    private static Map<String, Long> layout(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        for (String part : List.of("training_set", "test_set")) {
            Path p = root.resolve(part);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(f).toString().replace('\\', '/'), Files.size(f));
                }
            }
        }
        return files;
    }

    private long gets() {
        return server.requests().stream().filter(r -> r.startsWith("GET")).count();
    }

    @Test
    void laysOutEveryDecodableImageSplitTwoToOneAndListsEachBrokenFileWithItsReason() throws IOException {
        Path out = dir.resolve("sample");

        SampleDataResult r = run(out, 0);

        SampleDataSummary s = r.summary();
        // Every third image taken goes to the test set: 24 per class -> 16 training + 8 test.
        assertThat(s.training()).containsExactly(Map.entry("cats", 16), Map.entry("dogs", 16));
        assertThat(s.test()).containsExactly(Map.entry("cats", 8), Map.entry("dogs", 8));
        assertThat(s.images()).isEqualTo(48);
        assertThat(r.alreadyComplete()).isFalse();
        Map<String, String> reasons = new TreeMap<>();
        s.skipped().forEach(k -> reasons.put(k.entry(), k.reason()));
        assertThat(reasons.keySet())
                .containsExactlyInAnyOrder(
                        "PetImages/Cat/666.jpg",
                        "PetImages/Cat/700.jpg",
                        "PetImages/Cat/Thumbs.db",
                        "PetImages/Dog/11702.jpg",
                        "PetImages/Dog/Thumbs.db");
        assertThat(reasons.get("PetImages/Cat/666.jpg")).isEqualTo("empty file (0 bytes)");
        assertThat(reasons.get("PetImages/Cat/700.jpg")).contains("not an image");
        assertThat(reasons.get("PetImages/Cat/Thumbs.db")).contains("not an image file");
        assertThat(reasons.get("PetImages/Dog/11702.jpg")).isNotBlank();
        assertThat(s.notices()).containsExactly("CDLA-Permissive-2.0.pdf", "readme[1].txt");
        assertThat(s.ignoredEntries()).containsExactly("PetImages/Cat/sub/1.jpg");
        assertThat(s.archiveBytes()).isEqualTo(archive.length);
        assertThat(s.archiveSha256()).hasSize(64);

        // On disk: the 48 photos, each byte for byte from the archive, in one set only.
        Map<String, Long> files = layout(out);
        assertThat(files).hasSize(48);
        for (String f : files.keySet()) {
            String[] p = f.split("/");
            String entry = "PetImages/" + (p[1].equals("cats") ? "Cat" : "Dog") + "/" + p[2];
            assertThat(Files.readAllBytes(out.resolve(f)))
                    .as(f)
                    .isEqualTo(contents.entries().get(entry));
        }
        assertThat(files.keySet().stream().filter(f -> f.startsWith("test_set/cats/")))
                .hasSize(8);
        // The licence and read-me travel with the images, as they were.
        assertThat(Files.readAllBytes(out.resolve("CDLA-Permissive-2.0.pdf")))
                .isEqualTo(contents.entries().get("CDLA-Permissive-2.0.pdf"));
        // The download is gone; the record stays, hidden.
        assertThat(out.resolve(SampleData.WORK_DIR)).doesNotExist();
        assertThat(out.resolve(SampleData.STATE_FILE)).isRegularFile();
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            ".catdog", "training_set", "test_set", "CDLA-Permissive-2.0.pdf", "readme[1].txt");
        }
    }

    @Test
    void theSplitIsTheSameOnEveryRun() throws IOException {
        run(dir.resolve("a"), 0);
        run(dir.resolve("b"), 0);

        assertThat(layout(dir.resolve("a"))).isEqualTo(layout(dir.resolve("b")));
    }

    @Test
    void withALimitEachClassGetsThatManyImagesAndASmallerLimitTakesAPrefix() throws IOException {
        SampleDataResult nine = run(dir.resolve("nine"), 9);
        SampleDataResult six = run(dir.resolve("six"), 6);

        assertThat(nine.summary().training()).containsExactly(Map.entry("cats", 6), Map.entry("dogs", 6));
        assertThat(nine.summary().test()).containsExactly(Map.entry("cats", 3), Map.entry("dogs", 3));
        assertThat(six.summary().training()).containsExactly(Map.entry("cats", 4), Map.entry("dogs", 4));
        assertThat(six.summary().test()).containsExactly(Map.entry("cats", 2), Map.entry("dogs", 2));
        assertThat(layout(dir.resolve("nine"))).containsAllEntriesOf(layout(dir.resolve("six")));
    }

    @Test
    void aDroppedConnectionResumesWithARangeRequest() throws IOException {
        server.cut(NAME, 100_000, 1);

        SampleDataResult r = run(dir.resolve("sample"), 0);

        assertThat(r.summary().images()).isEqualTo(48);
        // It resumes where its copy ends: at most where the server cut, less when bytes in flight were lost with the
        // connection (seen: 98,144), as HttpFetcherTest checks.
        String resume = server.requests().stream()
                .filter(q -> q.startsWith("GET") && q.contains("Range=bytes="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no range request in " + server.requests()));
        assertThat(FakeFileServer.rangeStart(resume)).isPositive().isLessThanOrEqualTo(100_000);
        assertThat(r.summary().archiveBytes()).isEqualTo(archive.length);
    }

    @Test
    void anInterruptedDownloadIsContinuedByTheNextRun() throws IOException {
        Path out = dir.resolve("sample");
        Context first = new Context((step, done) -> step.startsWith(SampleData.DOWNLOAD_STEP) && done >= 65_536);

        assertThatThrownBy(() -> service().run(out, 0, first)).isInstanceOf(CancelledException.class);
        Path part = out.resolve(SampleData.WORK_DIR).resolve(SampleData.ARCHIVE + ".part");
        assertThat(part).isRegularFile();
        long kept = Files.size(part);
        assertThat(kept).isGreaterThan(0).isLessThan(archive.length);
        assertThat(layout(out)).isEmpty();

        SampleDataResult r = run(out, 0);

        assertThat(r.summary().images()).isEqualTo(48);
        assertThat(server.requests()).anyMatch(q -> q.startsWith("GET") && q.contains("Range=bytes=" + kept + "-"));
        assertThat(layout(out)).isEqualTo(layoutOfACleanRun());
    }

    @Test
    void anInterruptedUnpackingIsFinishedByTheNextRunWithTheSameLayout() throws IOException {
        Path out = dir.resolve("sample");
        Context first = new Context((step, done) -> step.startsWith(SampleData.UNPACK_STEP) && done >= 10);

        assertThatThrownBy(() -> service().run(out, 0, first)).isInstanceOf(CancelledException.class);
        int unpacked = layout(out).size();
        assertThat(unpacked).isBetween(10, 47);
        assertThat(out.resolve(SampleData.WORK_DIR).resolve(SampleData.ARCHIVE)).isRegularFile();
        long getsBefore = gets();

        SampleDataResult r = run(out, 0);

        assertThat(gets()).as("the archive was kept: no second download").isEqualTo(getsBefore);
        assertThat(r.summary().images()).isEqualTo(48);
        assertThat(layout(out)).isEqualTo(layoutOfACleanRun());
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private Map<String, Long> layoutOfACleanRun() throws IOException {
        Path clean = dir.resolve("clean");
        run(clean, 0);
        return layout(clean);
    }

    @Test
    void aSecondRunDoesNothing() throws IOException {
        Path out = dir.resolve("sample");
        SampleDataResult first = run(out, 0);
        Map<String, Long> before = layout(out);
        int requests = server.requests().size();

        SampleDataResult second = run(out, 0);

        assertThat(second.alreadyComplete()).isTrue();
        assertThat(second.summary()).isEqualTo(first.summary());
        assertThat(server.requests()).hasSize(requests);
        assertThat(layout(out)).isEqualTo(before);
    }

    @Test
    void aZipSlipEntryRefusesTheArchiveAndNothingIsUnpacked() throws IOException {
        byte[] hostile = new SampleArchives()
                .photos("Cat", 0, 3, 1)
                .entry("PetImages/Cat/../../../evil.jpg", SampleArchives.jpeg("cats", new Random(3)))
                .photos("Dog", 0, 3, 2)
                .build();
        server.serve(NAME, hostile);
        archive = hostile;
        Path out = dir.resolve("deep/sample");

        assertThatThrownBy(() -> run(out, 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("PetImages/Cat/../../../evil.jpg")
                .hasMessageContaining("leads to a parent folder")
                .hasMessageContaining("deleted");

        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.map(p -> p.getFileName().toString())).doesNotContain("evil.jpg");
        }
        assertThat(layout(out)).isEmpty();
        assertThat(out.resolve(SampleData.WORK_DIR).resolve(SampleData.ARCHIVE)).doesNotExist();
    }

    @Test
    void aDamagedEntryFailsItsCrcAndTheDownloadIsDeleted() {
        archive = SampleArchives.damage(archive, "CDLA-Permissive-2.0.pdf");
        server.serve(NAME, archive);
        Path out = dir.resolve("sample");

        assertThatThrownBy(() -> run(out, 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("CDLA-Permissive-2.0.pdf")
                .hasMessageContaining("CRC-32");

        assertThat(out.resolve(SampleData.WORK_DIR).resolve(SampleData.ARCHIVE)).doesNotExist();
        assertThat(out.resolve("training_set")).doesNotExist();
    }

    @Test
    void anArchiveWithoutTheClassFoldersIsRefused() {
        archive = new SampleArchives().photos("Cat", 0, 3, 1).build();
        server.serve(NAME, archive);

        assertThatThrownBy(() -> run(dir.resolve("sample"), 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("not the Cats-vs-Dogs archive")
                .hasMessageContaining("PetImages/Dog/");
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndLeftAsItIs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Path mine = Files.writeString(out.resolve("notes.txt"), "my notes");

        assertThatThrownBy(() -> run(out, 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("is not empty and was not made by the sample data download");

        assertThat(mine).hasContent("my notes");
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list).containsExactly(mine);
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anEmptyFolderIsUsed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty"));

        assertThat(run(out, 0).summary().images()).isEqualTo(48);
    }

    @Test
    void anEarlierRunsFolderWithAnotherLimitIsRefused() {
        Path out = dir.resolve("sample");
        run(out, 6);

        assertThatThrownBy(() -> run(out, 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("a limit of 6 images per class");
    }

    @Test
    void tooLittleFreeSpaceStopsBeforeTheDownloadAndCreatesNothing() {
        freeBytes = 10_000_000;
        Path out = dir.resolve("sample");

        assertThatThrownBy(() -> run(out, 0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("Not enough free space")
                .hasMessageContaining("MB are free");

        assertThat(gets()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void offlineNothingIsFetched() {
        offline = true;

        assertThatThrownBy(() -> run(dir.resolve("sample"), 0))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("offline");

        assertThat(server.requests()).isEmpty();
    }

    @Test
    void withNothingListeningTheMessageSaysTheNetworkIsNeededOnceAndNamesTheMirrorSetting() {
        URI nowhere = FakeFileServer.nothingListening();
        SampleData s = new SampleData(
                new HttpFetcher(), () -> new SampleDataSource(nowhere, false, 1000, 2), false, d -> Long.MAX_VALUE, 1);

        assertThatThrownBy(() -> s.run(dir.resolve("sample"), 0, new Context(null)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("needs the network once")
                .hasMessageContaining(SampleDataSource.URL_ENV);
    }
}

package studio.catdog.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.AppPaths;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureCache;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobState;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;

/**
 * Cancelling, killing the process (SIGKILL) during a save or a cache write, and a full disk: the last
 * good model still loads, the cache repairs itself, and nothing half-written is ever used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptionTest {

    @TempDir
    static Path dir;

    private Path data;
    private Path model;
    private float[] goodPrediction;
    private Path probe;
    private final TrainingSettings settings =
            TrainingSettings.defaults().withEpochs(3).withBatchSize(8);

    private ModelService service(Path home) {
        Engines engines = new Engines();
        return new ModelService(
                engines,
                new BackboneFactory(engines),
                new AppPaths(home.resolve("data"), home.resolve("cache")),
                new FeatureExtractor(4, 1),
                new DatasetScanner());
    }

    @BeforeAll
    void trainTheLastGoodModel() {
        data = TestImages.splitDataset(dir.resolve("data"), 24, 6, 9);
        model = dir.resolve("models/good");
        try (ModelService s = service(dir.resolve("home-good"))) {
            Dataset d = s.openDataset(data).join();
            s.train(d, BackboneSpec.tiny(), settings, TrainingObserver.NONE).join();
            s.save(model).join();
            probe = d.samples(Split.TEST).get(0).path();
            goodPrediction = s.predict(probe).join().probabilities();
        }
    }

    private float[] predictWith(Path modelDir) {
        try (ModelService s = service(dir.resolve("home-check"))) {
            s.loadModel(modelDir, null).join();
            return s.predict(probe).join().probabilities();
        }
    }

    /** Runs {@code catdog train} in a child JVM, waits until it pauses at {@code point}, then SIGKILLs it. */
    private void killChildAt(String point, Path home, Path modelDir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                "-Dcatdog.home=" + home,
                "-Dcatdog.faultInjection.pauseAt=" + point,
                "studio.catdog.Launcher",
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "2",
                "--seed",
                "7",
                "--model",
                modelDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean paused = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.equals("PAUSED " + point)) {
                    paused = true;
                    break;
                }
            }
            assertThat(paused).as("child reached %s; output: %s", point, output).isTrue();
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    private Path copyOfGoodModel(String name) throws IOException {
        Path target = dir.resolve("models").resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    private static List<String> hiddenSiblings(Path modelDir) throws IOException {
        try (Stream<Path> s = Files.list(modelDir.getParent())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + modelDir.getFileName()))
                    .toList();
        }
    }

    @Test
    void killedWhileWritingTheNewModelTheLastGoodModelStillLoads() throws Exception {
        Path target = copyOfGoodModel("kill-writing");
        killChildAt("save-before-manifest", dir.resolve("home-kill1"), target);
        assertThat(hiddenSiblings(target)).anyMatch(n -> n.contains(".saving-"));
        assertThat(predictWith(target)).containsExactly(goodPrediction);
        assertThat(hiddenSiblings(target)).isEmpty(); // the half-written folder was cleaned up
    }

    @Test
    void killedBetweenTheTwoRenamesTheLastGoodModelIsRestored() throws Exception {
        Path target = copyOfGoodModel("kill-renaming");
        killChildAt("save-between-renames", dir.resolve("home-kill2"), target);
        assertThat(target).doesNotExist(); // the crash window: old folder moved aside, new not yet in place
        assertThat(predictWith(target)).containsExactly(goodPrediction);
        assertThat(ModelStore.readManifest(target).classes()).containsExactly("cats", "dogs");
        assertThat(hiddenSiblings(target)).isEmpty();
    }

    @Test
    void killedInTheMiddleOfACacheRecordTheCacheRepairsItselfAndGivesTheSameResult() throws Exception {
        Path home = dir.resolve("home-kill3");
        killChildAt("cache-mid-record", home, dir.resolve("models/never"));
        AppPaths paths = new AppPaths(home.resolve("data"), home.resolve("cache"));
        try (Stream<Path> files = Files.list(paths.featureCacheDir())) {
            assertThat(files.filter(f -> f.toString().endsWith(".bin")).toList())
                    .singleElement()
                    .satisfies(f -> assertThat(Files.size(f)).isPositive());
        }
        try (ModelService s = service(home)) {
            Dataset d = s.openDataset(data).join();
            var outcome = s.train(d, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                    .join();
            assertThat(outcome.trainImages()).isEqualTo(48);
            assertThat(s.predict(probe).join().probabilities()).containsExactly(goodPrediction);
        }
    }

    @Test
    void cancellingDuringFeatureExtractionKeepsThePreviousModelAndAValidCache() {
        Path home = dir.resolve("home-cancel");
        try (ModelService s = service(home)) {
            s.loadModel(model, null).join();
            Dataset d = s.openDataset(data).join();
            AtomicReference<Job<?>> run = new AtomicReference<>();
            TrainingObserver cancelEarly = new TrainingObserver() {
                @Override
                public void onPhase(Phase phase, int done, int total, double eta) {
                    if (phase == Phase.EXTRACTING && done > 0 && run.get() != null) {
                        run.get().cancel();
                    }
                }
            };
            run.set(s.train(d, BackboneSpec.tiny(), settings.withSeed(3), cancelEarly));
            assertThatThrownBy(() -> run.get().join()).hasCauseInstanceOf(CancelledException.class);
            assertThat(run.get().state()).isEqualTo(JobState.CANCELLED);
            assertThat(s.predict(probe).join().probabilities()).containsExactly(goodPrediction);
            assertThat(s.currentModel().orElseThrow().savedAt()).isEqualTo(model.toAbsolutePath());
            s.train(d, BackboneSpec.tiny(), settings, TrainingObserver.NONE).join();
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndKeepsThePreviousModel() throws Exception {
        Path mountPoint = Files.createDirectories(dir.resolve("tiny-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true)
                .start();
        assumeTrue(
                mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "skipped: cannot mount a small tmpfs to fill (needs root)");
        try {
            Path target = mountPoint.resolve("model");
            try (ModelService s = service(dir.resolve("home-full"))) {
                s.loadModel(model, null).join();
                s.save(target).join();
                // Fill the disk to the last byte.
                try (var out = Files.newOutputStream(mountPoint.resolve("filler"))) {
                    byte[] block = new byte[1024];
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (IOException expected) {
                    // disk full
                }
                assertThatThrownBy(() -> s.save(target).join())
                        .hasCauseInstanceOf(CatdogException.class)
                        .cause()
                        .hasMessageContaining("disk is full")
                        .hasMessageContaining("unchanged");
            }
            assertThat(predictWith(target)).containsExactly(goodPrediction);
            assertThat(hiddenSiblings(target)).isEmpty();
        } finally {
            new ProcessBuilder("umount", mountPoint.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCacheFileIsNeverTrustedAcrossBackbones() throws IOException {
        Path cacheDir = dir.resolve("cache-keys");
        try (FeatureCache a = FeatureCache.open(cacheDir, "backbone-a|pre", 2)) {
            a.put("00".repeat(32), new float[] {1, 2});
        }
        try (FeatureCache b = FeatureCache.open(cacheDir, "backbone-b|pre", 2)) {
            assertThat(b.get("00".repeat(32))).isNull();
        }
    }
}

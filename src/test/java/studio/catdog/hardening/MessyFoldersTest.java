package studio.catdog.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.MemoryTempDir;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Folders as people really have them. */
class MessyFoldersTest {

    @TempDir
    Path dir;

    private static Dataset scan(Path root) {
        return new DatasetScanner().scan(root, new CancellationToken(), null);
    }

    @Test
    void namesWithSpacesAndNonAsciiCharactersWork() {
        Random r = new Random(1);
        for (String cls : new String[] {"chats sauvages", "Hunde für alle", "猫"}) {
            for (int i = 0; i < 3; i++) {
                TestImages.write(dir.resolve(cls).resolve("ph oto " + i + " é.jpg"), TestImages.image(cls, r), "jpg");
            }
        }
        Dataset d = scan(dir);
        assertThat(d.classes()).containsExactly("Hunde für alle", "chats sauvages", "猫");
        assertThat(d.samples()).hasSize(9);
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void symbolicLinkLoopsDoNotHangAndLinkedFilesAreUsed() throws IOException {
        TestImages.splitDataset(dir, 3, 2, 2);
        Path cats = dir.resolve("training_set/cats");
        Files.createSymbolicLink(cats.resolve("loop"), cats);
        Files.createSymbolicLink(cats.resolve("up"), dir);
        Files.createSymbolicLink(
                cats.resolve("linked.jpg"),
                dir.resolve("test_set/cats").toFile().listFiles()[0].toPath());
        Dataset d = scan(dir);
        assertThat(d.counts(Split.TRAIN).get("cats")).isEqualTo(4);
        assertThat(d.skipped())
                .extracting(s -> s.path().getFileName().toString())
                .contains("loop", "up");
        assertThat(d.leaked()).hasSize(1); // the linked file is the same picture as a test image
    }

    @Test
    void aClassWithASingleImageStillTrains() throws IOException {
        TestImages.flatDataset(dir, 12, 4);
        try (Stream<Path> dogs = Files.list(dir.resolve("dogs"))) {
            for (Path p : dogs.sorted().skip(1).toList()) {
                Files.delete(p);
            }
        }
        try (ModelService s = TestServices.service(dir.resolve("home"))) {
            Dataset d = s.openDataset(dir).join();
            assertThat(d.counts(Split.TRAIN).get("dogs")).isEqualTo(1);
            var outcome = s.train(
                            d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE)
                    .join();
            assertThat(outcome.trainImages()).isEqualTo(11);
        }
    }

    @Test
    void aFolderWithoutPermissionIsReportedPlainly() throws IOException {
        assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "skipped: running as root, which reads every folder regardless of permissions");
        TestImages.splitDataset(dir, 2, 1, 2);
        Path locked = dir.resolve("training_set/cats");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Dataset d = scan(dir);
            assertThat(d.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("permission"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
            assertThatThrownBy(() -> scan(dir))
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("permission");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void filesDisappearingDuringAScanAreSkippedNotFatal() {
        TestImages.splitDataset(dir, 100, 100, 3);
        AtomicBoolean deleted = new AtomicBoolean();
        Dataset d = new DatasetScanner().scan(dir, new CancellationToken(), (done, total) -> {
            if (deleted.compareAndSet(false, true)) {
                try (Stream<Path> files = Files.walk(dir.resolve("test_set"))) {
                    for (Path p : files.filter(Files::isRegularFile).toList()) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertThat(deleted).isTrue();
        assertThat(d.samples().size() + d.skipped().size()).isEqualTo(400);
        assertThat(d.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("not found"));
    }

    /** A 1x1 24-bit BMP of one colour: the smallest real image file, 58 bytes. */
    private static byte[] bmp(int rgb) {
        ByteBuffer b = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(58).putInt(0).putInt(54);
        b.putInt(40)
                .putInt(1)
                .putInt(1)
                .putShort((short) 1)
                .putShort((short) 24)
                .putInt(0)
                .putInt(4)
                .putInt(2835)
                .putInt(2835)
                .putInt(0)
                .putInt(0);
        b.put((byte) (rgb & 0xFF))
                .put((byte) ((rgb >> 8) & 0xFF))
                .put((byte) ((rgb >> 16) & 0xFF))
                .put((byte) 0);
        return b.array();
    }

    @Test
    void aHundredThousandFilesScanInOnePass(@TempDir(factory = MemoryTempDir.class) Path dir) throws IOException {
        for (int i = 0; i < 100_000; i++) {
            Path classDir = dir.resolve(i % 2 == 0 ? "cats" : "dogs").resolve("batch" + (i / 5000));
            if (i % 5000 < 2) {
                Files.createDirectories(classDir);
            }
            Files.write(classDir.resolve(i + ".bmp"), bmp(i));
        }
        Dataset d = scan(dir);
        assertThat(d.samples()).hasSize(100_000);
        assertThat(d.counts(Split.TEST).get("cats")).isEqualTo(10_000);
        assertThat(d.duplicates()).isEmpty();
    }
}

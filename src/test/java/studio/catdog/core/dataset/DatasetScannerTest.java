package studio.catdog.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.testing.TestImages;

class DatasetScannerTest {

    @TempDir
    Path dir;

    private Dataset scan(Path root) {
        return new DatasetScanner().scan(root, new CancellationToken(), null);
    }

    @Test
    void readsKaggleSplitLayoutWithCountsPerClassAndSplit() {
        TestImages.splitDataset(dir, 6, 3, 1);
        Dataset d = scan(dir);
        assertThat(d.layout()).isEqualTo(Dataset.Layout.SPLIT_FOLDERS);
        assertThat(d.classes()).containsExactly("cats", "dogs");
        assertThat(d.counts(Split.TRAIN)).isEqualTo(Map.of("cats", 6, "dogs", 6));
        assertThat(d.counts(Split.TEST)).isEqualTo(Map.of("cats", 3, "dogs", 3));
        assertThat(d.skipped()).isEmpty();
        assertThat(d.samples()).allSatisfy(s -> assertThat(s.sha256()).hasSize(64));
    }

    @Test
    void splitsClassFoldersStratifiedAndReproducibly() {
        TestImages.flatDataset(dir, 10, 2);
        Dataset a = new DatasetScanner(0.2, 7).scan(dir, new CancellationToken(), null);
        Dataset b = new DatasetScanner(0.2, 7).scan(dir, new CancellationToken(), null);
        Dataset c = new DatasetScanner(0.2, 8).scan(dir, new CancellationToken(), null);
        assertThat(a.layout()).isEqualTo(Dataset.Layout.CLASS_FOLDERS);
        assertThat(a.counts(Split.TEST)).isEqualTo(Map.of("cats", 2, "dogs", 2));
        assertThat(a.counts(Split.TRAIN)).isEqualTo(Map.of("cats", 8, "dogs", 8));
        assertThat(a.samples(Split.TEST)).isEqualTo(b.samples(Split.TEST));
        assertThat(a.samples(Split.TEST)).isNotEqualTo(c.samples(Split.TEST));
    }

    @Test
    void supportsMoreThanTwoClassesAndCommonFormats() throws IOException {
        Random r = new Random(3);
        for (String cls : new String[] {"birds", "cats", "dogs"}) {
            TestImages.write(dir.resolve(cls).resolve("a.png"), TestImages.image(cls, r), "png");
            TestImages.write(dir.resolve(cls).resolve("b.bmp"), TestImages.image(cls, r), "bmp");
            TestImages.write(dir.resolve(cls).resolve("c.gif"), TestImages.image(cls, r), "gif");
            TestImages.write(dir.resolve(cls).resolve("d.jpeg"), TestImages.image(cls, r), "jpg");
        }
        Dataset d = scan(dir);
        assertThat(d.classes()).containsExactly("birds", "cats", "dogs");
        assertThat(d.samples()).hasSize(12);
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void listsEveryUnusableFileWithItsReasonAndKeepsGoing() throws IOException {
        TestImages.splitDataset(dir, 4, 2, 1);
        Path cats = dir.resolve("training_set/cats");
        Files.write(cats.resolve("empty.jpg"), new byte[0]);
        Files.writeString(cats.resolve("notes.jpg"), "this is not an image");
        byte[] jpeg = Files.readAllBytes(cats.resolve("cats.0.jpg"));
        Files.write(cats.resolve("header-only.jpg"), Arrays.copyOf(jpeg, 10));
        Files.writeString(dir.resolve("training_set/readme.txt"), "loose file");
        Dataset d = scan(dir);
        assertThat(d.counts(Split.TRAIN).get("cats")).isEqualTo(4);
        assertThat(d.skipped())
                .extracting(s -> s.path().getFileName().toString())
                .containsExactlyInAnyOrder("empty.jpg", "notes.jpg", "header-only.jpg", "readme.txt");
        assertThat(d.skipped())
                .filteredOn(s -> s.path().endsWith("empty.jpg"))
                .singleElement()
                .extracting(SkippedFile::reason)
                .asString()
                .contains("0 bytes");
        assertThat(d.skipped())
                .filteredOn(s -> s.path().endsWith("notes.jpg"))
                .singleElement()
                .extracting(SkippedFile::reason)
                .asString()
                .contains("not an image");
    }

    @Test
    void reportsDuplicatesAndTrainTestLeakage() throws IOException {
        TestImages.splitDataset(dir, 4, 2, 1);
        Path original = dir.resolve("training_set/cats/cats.0.jpg");
        Files.copy(original, dir.resolve("training_set/cats/copy.jpg"));
        Files.copy(original, dir.resolve("test_set/cats/leaked.jpg"));
        Path dog = dir.resolve("training_set/dogs/dogs.1.jpg");
        Files.copy(dog, dir.resolve("training_set/dogs/dup.jpg"));
        Dataset d = scan(dir);
        assertThat(d.duplicates()).hasSize(2);
        assertThat(d.leaked())
                .singleElement()
                .satisfies(group -> assertThat(group)
                        .extracting(p -> p.getFileName().toString())
                        .containsExactlyInAnyOrder("cats.0.jpg", "copy.jpg", "leaked.jpg"));
    }

    @Test
    void refusesWhatIsNotADataSetWithAPlainMessage() throws IOException {
        assertThatThrownBy(() -> scan(dir.resolve("missing")))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("does not exist");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> scan(file)).hasMessageContaining("not a folder");
        Files.createDirectories(dir.resolve("one/cats"));
        assertThatThrownBy(() -> scan(dir.resolve("one"))).hasMessageContaining("only one class");
        Files.createDirectories(dir.resolve("empty/cats"));
        Files.createDirectories(dir.resolve("empty/dogs"));
        assertThatThrownBy(() -> scan(dir.resolve("empty"))).hasMessageContaining("No usable images");
    }

    @Test
    void aTrainingFolderWithoutATestFolderIsSplitByClass() {
        TestImages.splitDataset(dir, 10, 0, 1);
        Dataset d = scan(dir);
        assertThat(d.layout()).isEqualTo(Dataset.Layout.CLASS_FOLDERS);
        assertThat(d.counts(Split.TEST)).isEqualTo(Map.of("cats", 2, "dogs", 2));
    }

    @Test
    void cancelStopsTheScan() {
        TestImages.splitDataset(dir, 30, 2, 1);
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> new DatasetScanner().scan(dir, token, null)).isInstanceOf(CancelledException.class);
    }
}

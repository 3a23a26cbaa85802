package studio.catdog.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.testing.TestImages;

class ScanIndexTest {

    @TempDir
    Path dir;

    private Dataset scan(Path data, Path index) {
        return new DatasetScanner(0.2, 42, index).scan(data, new CancellationToken(), null);
    }

    @Test
    void aSecondScanGivesTheSameResultAndNoticesChangedFiles() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("data"), 5, 2, 1);
        Path index = dir.resolve("index");
        Dataset first = scan(data, index);
        try (Stream<Path> files = Files.list(index)) {
            assertThat(files.toList())
                    .singleElement()
                    .satisfies(f -> assertThat(Files.size(f)).isPositive());
        }
        Dataset second = scan(data, index);
        assertThat(second.samples()).isEqualTo(first.samples());

        // Replace one image with another picture: new content, new modification time.
        Path changed = data.resolve("training_set/cats/cats.0.jpg");
        Files.copy(data.resolve("training_set/dogs/dogs.0.jpg"), changed, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Dataset third = scan(data, index);
        String newHash = third.samples().stream()
                .filter(s -> s.path().equals(changed))
                .findFirst()
                .orElseThrow()
                .sha256();
        assertThat(newHash).isEqualTo(DatasetScanner.sha256(Files.readAllBytes(changed)));
        assertThat(third.duplicates()).hasSize(1); // the copy is now a duplicate of the dog picture
    }

    @Test
    void aDamagedIndexIsIgnoredAndRewritten() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("data"), 4, 2, 1);
        Path index = dir.resolve("index");
        Dataset clean = scan(data, index);
        Path file;
        try (Stream<Path> files = Files.list(index)) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        assertThat(scan(data, index).samples()).isEqualTo(clean.samples());
        Files.writeString(file, "garbage");
        assertThat(scan(data, index).samples()).isEqualTo(clean.samples());
    }
}

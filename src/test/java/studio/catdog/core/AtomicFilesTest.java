package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFolderReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/settings.json");

        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");

        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }
}

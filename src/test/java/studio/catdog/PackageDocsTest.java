package studio.catdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package says in its {@code package-info.java} what lives there and what may depend on it. */
class PackageDocsTest {

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> dirs = Files.walk(sources)) {
            List<String> undocumented = dirs.filter(Files::isDirectory)
                    .filter(PackageDocsTest::holdsJavaFiles)
                    .filter(d -> !Files.isRegularFile(d.resolve("package-info.java")))
                    .map(d -> sources.relativize(d).toString().replace('/', '.'))
                    .sorted()
                    .toList();
            assertThat(undocumented).as("packages without package-info.java").isEmpty();
        }
    }

    private static boolean holdsJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

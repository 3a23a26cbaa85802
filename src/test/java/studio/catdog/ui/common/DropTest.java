package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One folder is a folder drop; anything else (files, two folders, a folder with a file, nothing) is files. */
class DropTest {

    @TempDir
    Path tmp;

    @Test
    void exactlyOneFolderIsAFolderDrop() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("data"));
        Drop drop = Drop.of(List.of(folder));
        assertThat(drop.isFolder()).isTrue();
        assertThat(drop.folder()).isEqualTo(folder);
        assertThat(drop.files()).isEmpty();
    }

    @Test
    void everythingElseIsFilesInTheGivenOrder() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Path image = Files.write(tmp.resolve("cat.jpg"), new byte[] {1});
        Path missing = tmp.resolve("gone");
        for (List<Path> paths :
                List.of(List.of(image), List.of(a, b), List.of(image, a), List.of(missing), List.<Path>of())) {
            Drop drop = Drop.of(paths);
            assertThat(drop.isFolder()).as("%s", paths).isFalse();
            assertThat(drop.folder()).isNull();
            assertThat(drop.files()).containsExactlyElementsOf(paths);
        }
    }
}

package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;

/** Which files count as images, by name, and the folder listing the app and the command line share. */
class ImageFilesTest {

    @TempDir
    Path tmp;

    private Path file(String relative) throws IOException {
        Path p = tmp.resolve("root").resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "bytes are not looked at");
    }

    @Test
    void namesDecideAndHiddenFilesNeverCount() {
        assertThat(ImageFiles.isImageFile(Path.of("a/Cat.JPEG"))).isTrue();
        assertThat(ImageFiles.isImageFile(Path.of("dog.webp"))).isTrue();
        assertThat(ImageFiles.isImageFile(Path.of("._dog.jpg"))).isFalse(); // macOS resource fork
        assertThat(ImageFiles.isImageFile(Path.of("scan.tiff"))).isFalse();
        assertThat(ImageFiles.isImageFile(Path.of("jpg"))).isFalse();
        assertThat(ImageFiles.hasImageExtension(Path.of(".hidden.png"))).isTrue();
        assertThat(ImageFiles.extension(Path.of("x.tar.GZ"))).isEqualTo("gz");
        assertThat(ImageFiles.extension(Path.of("README"))).isEmpty();
    }

    @Test
    void listsImagesSortedSkippingHiddenFoldersAndFollowingNoFolderLinks() throws IOException {
        Path root = tmp.resolve("root");
        Path a = file("a.jpg");
        file("B.PNG");
        file("c.webp");
        file("notes.txt");
        file("README");
        file(".hidden.jpg");
        file("._a.jpg");
        file("sub/e.gif");
        file("sub/deeper/f.jpeg");
        file(".thumbnails/g.jpg");
        file("h.jpg/i.bmp"); // a folder named like an image
        Files.createSymbolicLink(root.resolve("link.jpg"), a);
        Files.createSymbolicLink(root.resolve("sub/loop"), root); // not followed, so no endless walk

        assertThat(ImageFiles.list(root, true))
                .containsExactly(
                        root.resolve("B.PNG"),
                        root.resolve("a.jpg"),
                        root.resolve("c.webp"),
                        root.resolve("h.jpg/i.bmp"),
                        root.resolve("link.jpg"),
                        root.resolve("sub/deeper/f.jpeg"),
                        root.resolve("sub/e.gif"));
        assertThat(ImageFiles.list(root, false))
                .containsExactly(
                        root.resolve("B.PNG"), root.resolve("a.jpg"), root.resolve("c.webp"), root.resolve("link.jpg"));

        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked"), root);
        assertThat(ImageFiles.list(linkedRoot, false)).first().isEqualTo(linkedRoot.resolve("B.PNG"));
        assertThatThrownBy(() -> ImageFiles.list(a, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageEndingWith("is not a folder.");
    }
}

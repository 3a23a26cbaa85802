package studio.catdog.ui.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.testing.TestImages;

class DroppedFilesTest {

    @TempDir
    Path tmp;

    @Test
    void acceptsImagesAndExplainsEveryRefusal() throws Exception {
        Path jpg = TestImages.writeNoisy(tmp.resolve("cat.jpg"), true, new Random(1));
        Path png = TestImages.writeNoisy(tmp.resolve("Dog.PNG"), false, new Random(2));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Path fake = Files.writeString(tmp.resolve("fake.jpg"), "not really a jpeg");
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Path missing = tmp.resolve("gone.jpg");
        Path noExt = Files.writeString(tmp.resolve("README"), "x");

        DropDecision d = DroppedFiles.classify(List.of(jpg, text, png, fake, empty, dir, missing, noExt));

        assertThat(d.accepted()).containsExactly(jpg, png);
        assertThat(d.refused()).extracting(DropRefusal::path).containsExactly(text, fake, empty, dir, missing, noExt);
        assertThat(d.refused().get(0).describe())
                .isEqualTo("notes.txt: not an image file (.txt); use jpg, jpeg, png, bmp, gif, webp");
        assertThat(d.refused().get(1).reason()).contains("content is not an image");
        assertThat(d.refused().get(2).reason()).isEqualTo("is empty");
        assertThat(d.refused().get(3).reason()).startsWith("is a folder");
        assertThat(d.refused().get(4).reason()).isEqualTo("does not exist");
        assertThat(d.refused().get(5).reason()).contains("no extension");
    }

    @Test
    void dragFeedbackLooksAtNamesOnly() {
        assertThat(DroppedFiles.anyLooksLikeImage(List.of(Path.of("a.txt"), Path.of("b.JPEG"))))
                .isTrue();
        assertThat(DroppedFiles.anyLooksLikeImage(List.of(Path.of("a.txt")))).isFalse();
    }

    @Test
    void recognisesSignatures() {
        assertThat(DroppedFiles.looksLikeImage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, 4))
                .isTrue();
        assertThat(DroppedFiles.looksLikeImage("GIF89a".getBytes(), 6)).isTrue();
        assertThat(DroppedFiles.looksLikeImage("RIFF0000WEBPVP8 ".getBytes(), 16))
                .isTrue();
        assertThat(DroppedFiles.looksLikeImage("hello".getBytes(), 5)).isFalse();
    }
}

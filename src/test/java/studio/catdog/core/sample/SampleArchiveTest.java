package studio.catdog.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.testing.SampleArchives;

/** The archive's checks on their own: names, layout, sizes, CRC-32. */
class SampleArchiveTest {

    @TempDir
    Path dir;

    private Path write(byte[] zip) throws IOException {
        return Files.write(dir.resolve("a.zip"), zip);
    }

    @Test
    void namesThatCouldLeaveTheFolderAreNamed() {
        assertThat(SampleArchive.escapeProblem("PetImages/Cat/1.jpg")).isNull();
        assertThat(SampleArchive.escapeProblem("PetImages/Cat/..jpg")).isNull();
        assertThat(SampleArchive.escapeProblem("PetImages/")).isNull();
        assertThat(SampleArchive.escapeProblem("../x.jpg")).contains("parent");
        assertThat(SampleArchive.escapeProblem("PetImages/Cat/../../x.jpg")).contains("parent");
        assertThat(SampleArchive.escapeProblem("PetImages/Cat/..")).contains("parent");
        assertThat(SampleArchive.escapeProblem("/etc/passwd")).contains("absolute");
        assertThat(SampleArchive.escapeProblem("C:/Windows/x.jpg")).contains("drive");
        assertThat(SampleArchive.escapeProblem("PetImages\\..\\x.jpg")).contains("backslash");
        assertThat(SampleArchive.escapeProblem("PetImages/Cat/1\u0000.jpg")).contains("control");
        assertThat(SampleArchive.escapeProblem("")).contains("empty");
    }

    @Test
    void theLayoutSortsFilesIntoClassesAndListsTheRestAsIgnored() throws IOException {
        byte[] zip = new SampleArchives()
                .photos("Dog", 0, 2, 2)
                .photos("Cat", 10, 2, 1)
                .entry("PetImages/Cat/sub/5.jpg", new byte[] {1})
                .entry("PetImages/Bird/1.jpg", new byte[] {1})
                .entry("PetImages/Cat/.hidden.jpg", new byte[] {1})
                .entry("readme[1].txt", new byte[] {1})
                .entry("tool.exe", new byte[] {1})
                .build();

        try (SampleArchive a = SampleArchive.open(write(zip))) {
            assertThat(a.candidates().keySet()).containsExactly("cats", "dogs");
            assertThat(a.candidates().get("cats"))
                    .extracting(ArchiveCandidate::fileName)
                    .containsExactly("10.jpg", "11.jpg");
            assertThat(a.candidates().get("dogs"))
                    .extracting(ArchiveCandidate::fileName)
                    .containsExactly("0.jpg", "1.jpg");
            assertThat(a.ignored())
                    .containsExactlyInAnyOrder(
                            "PetImages/Cat/sub/5.jpg", "PetImages/Bird/1.jpg", "PetImages/Cat/.hidden.jpg", "tool.exe");
            assertThat(a.notices()).extracting(ArchiveCandidate::name).containsExactly("readme[1].txt");
        }
    }

    @Test
    void twoEntriesOfOneNameRefuseTheArchive() throws IOException {
        Path file = dir.resolve("twice.zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of("PetImages/Cat/1.jpg", "PetImages/Dog/1.jpg", "PetImages/Dog/1.JPG")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(1);
                zip.closeEntry();
            }
        }

        assertThatThrownBy(() -> SampleArchive.open(file))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining("two entries named 'PetImages/Dog/1.JPG'");
    }

    @Test
    void anEntryLargerThanAnyPhotoIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("big.zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("PetImages/Cat/1.jpg"));
            zip.write(new byte[1 << 20]);
            for (int i = 0; i < SampleArchive.MAX_ENTRY_BYTES >> 20; i++) {
                zip.write(new byte[1 << 20]); // zeros: compressed to almost nothing
            }
            zip.closeEntry();
        }

        assertThatThrownBy(() -> SampleArchive.open(file))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining("no file of this archive is larger than");
    }

    @Test
    void somethingThatIsNoZipIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("page.zip"), "<html>Sign in to download</html>");

        assertThatThrownBy(() -> SampleArchive.open(file))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining("not a readable zip");
    }

    @Test
    void verifyReadsEveryEntryAndCatchesADamagedOne() throws IOException {
        SampleArchives contents = new SampleArchives()
                .photos("Cat", 0, 2, 1)
                .photos("Dog", 0, 2, 2)
                .storedEntry("PetImages/Dog/9.jpg", SampleArchives.noise(5000, 9));
        long total =
                contents.entries().values().stream().mapToLong(b -> b.length).sum();
        long[] seen = {0};

        try (SampleArchive good = SampleArchive.open(write(contents.build()))) {
            good.verify(done -> seen[0] = done, new CancellationToken());
            assertThat(good.totalBytes()).isEqualTo(total);
        }
        assertThat(seen[0]).isEqualTo(total);

        Path damaged =
                Files.write(dir.resolve("b.zip"), SampleArchives.damage(contents.build(), "PetImages/Dog/9.jpg"));
        try (SampleArchive bad = SampleArchive.open(damaged)) {
            assertThatThrownBy(() -> bad.verify(done -> {}, new CancellationToken()))
                    .isInstanceOf(BadArchiveException.class)
                    .hasMessageContaining("'PetImages/Dog/9.jpg' fails its CRC-32 check");
            ArchiveCandidate c = bad.candidates().get("dogs").stream()
                    .filter(x -> x.fileName().equals("9.jpg"))
                    .findFirst()
                    .orElseThrow();
            assertThatThrownBy(() -> bad.read(c)).isInstanceOf(BadArchiveException.class);
        }
    }
}

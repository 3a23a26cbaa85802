package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.testing.TestImages;

/**
 * A data set made by someone else: its journal, its state folders and its split folders are written to
 * reach files outside it. Each attack was reproduced on the code before the containment checks.
 */
class HostileJournalTest {

    @TempDir
    Path dir;

    /** A journal with one move, written by hand. */
    static String journal(String id, String kind, String from, String to, String sha256) {
        return """
                {
                  "version": 1,
                  "moves": [
                    {
                      "id": %s,
                      "kind": %s,
                      "from": %s,
                      "to": %s,
                      "sha256": %s,
                      "time": "2026-01-02T03:04:05Z"
                    }
                  ]
                }
                """.formatted(quote(id), quote(kind), quote(from), quote(to), quote(sha256));
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\") + "\"";
    }

    static Path writeJournal(Path root, String text) throws Exception {
        Path file = root.resolve(".catdog/audit.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000L));
        return file;
    }

    private static String sha(Path file) throws Exception {
        return DatasetScanner.sha256(Files.readAllBytes(file));
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aTraversalInFromIsRefusedWhenTheJournalIsLoadedAndNothingMoves() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 1);
        Path dog = root.resolve("training_set/dogs/dogs.0.jpg");
        byte[] dogBytes = Files.readAllBytes(dog);
        String text = journal(
                "m1", "TO_CLASS", "../home/.config/autostart/evil.desktop", "training_set/dogs/dogs.0.jpg", sha(dog));
        Path file = writeJournal(root, text);
        List<Path> before = tree(dir);

        assertThatThrownBy(() -> DatasetEdits.open(root))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'..'")
                .hasMessageContaining("left as it is");

        assertThat(Files.readAllBytes(dog)).isEqualTo(dogBytes);
        assertThat(home.resolve(".config")).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo(text); // the trace stays
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000L);
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void anAbsoluteToIsRefusedSoNoDocumentIsPulledIntoTheDataSet() throws Exception {
        Path document =
                Files.writeString(Files.createDirectories(dir.resolve("docs")).resolve("taxes.pdf"), "mine");
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 2);
        String text = journal("m1", "TO_CLASS", "training_set/cats/taxes.pdf", document.toString(), sha(document));
        Path file = writeJournal(root, text);

        assertThatThrownBy(() -> DatasetEdits.open(root))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("absolute");
        assertThat(document).hasContent("mine");
        assertThat(root.resolve("training_set/cats/taxes.pdf")).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void pathsOutsideTheClassFoldersAndExcludedAreRefused() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 3);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        String sha = sha(cat);
        for (String[] bad : new String[][] {
            {"TO_CLASS", "training_set/cats/cats.0.jpg", ".catdog/audit.json"},
            {"TO_CLASS", ".catdog/x.jpg", "training_set/cats/cats.0.jpg"},
            {"TO_CLASS", "training_set/cats/./cats.0.jpg", "training_set/dogs/cats.0.jpg"},
            {"TO_CLASS", "training_set\\cats\\cats.0.jpg", "training_set/dogs/cats.0.jpg"},
            {"TO_CLASS", "cats.0.jpg", "training_set/dogs/cats.0.jpg"},
            {"EXCLUDED", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg"},
            {"TO_CLASS", "training_set/cats/cats.0.jpg", "excluded/training_set/cats/cats.0.jpg"},
            {"TO_CLASS", "excluded/training_set/cats/cats.0.jpg", "training_set/cats/cats.0.jpg"},
            {"RENAME", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg"},
        }) {
            Path file = writeJournal(root, journal("m1", bad[0], bad[1], bad[2], sha));
            assertThatThrownBy(() -> DatasetEdits.open(root))
                    .as("%s %s -> %s", bad[0], bad[1], bad[2])
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("left as it is");
            Files.delete(file);
        }
        assertThat(cat).exists();
    }

    @Test
    void anEntryWithoutFromOrWithABrokenFieldGivesAPlainMessage() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 4);
        Path moved = root.resolve("training_set/dogs/cats.0.jpg");
        Files.move(root.resolve("training_set/cats/cats.0.jpg"), moved);
        String sha = sha(moved);
        String[][] broken = {
            {"m1", "TO_CLASS", null, "training_set/dogs/cats.0.jpg", sha, "'from'"},
            {"m1", "TO_CLASS", "training_set/cats/cats.0.jpg", null, sha, "'to'"},
            {null, "TO_CLASS", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg", sha, "'id'"},
            {"m1", null, "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg", sha, "'kind'"},
            {"m1", "TO_CLASS", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg", "abc", "'sha256'"},
        };
        for (String[] b : broken) {
            writeJournal(root, journal(b[0], b[1], b[2], b[3], b[4]));
            assertThatThrownBy(() -> DatasetEdits.open(root))
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining(b[5])
                    .hasMessageContaining("left as it is");
        }
        writeJournal(
                root,
                journal("m1", "TO_CLASS", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg", sha)
                        .replace("2026-01-02T03:04:05Z", "yesterday"));
        assertThatThrownBy(() -> DatasetEdits.open(root)).hasMessageContaining("'time'");
    }

    @Test
    void undoChecksTheFilesSha256BeforeItMovesAnything() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 5);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        DatasetEdits edits = DatasetEdits.open(root);
        MoveRecord m = edits.moveToClass(cat, "dogs");
        // Someone puts another file where the move put the image.
        Files.copy(root.resolve("training_set/dogs/dogs.0.jpg"), m.to(), StandardCopyOption.REPLACE_EXISTING);
        byte[] replaced = Files.readAllBytes(m.to());

        assertThatThrownBy(() -> DatasetEdits.open(root).undo(m.id()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("nothing was moved");
        assertThat(Files.readAllBytes(m.to())).isEqualTo(replaced);
        assertThat(cat).doesNotExist();
        assertThat(DatasetEdits.open(root).moves()).hasSize(1);
    }

    @Test
    void aSymlinkedStateFolderIsNeverFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 6);
        Files.createSymbolicLink(root.resolve(".catdog"), elsewhere);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");

        assertThatThrownBy(() -> DatasetEdits.open(root))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(".catdog")
                .hasMessageContaining("link");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(cat).exists();
    }

    @Test
    void aSymlinkedJournalFileIsNeverFollowed() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 6);
        Path target = Files.writeString(dir.resolve("notes.txt"), "my notes");
        Files.createDirectories(root.resolve(".catdog"));
        Files.createSymbolicLink(root.resolve(".catdog/audit.json"), target);

        assertThatThrownBy(() -> DatasetEdits.open(root)).hasMessageContaining("link");
        assertThat(target).hasContent("my notes");
    }

    @Test
    void aSymlinkedExcludedFolderIsNeverFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 7);
        Files.createSymbolicLink(root.resolve("excluded"), elsewhere);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");

        assertThatThrownBy(() -> DatasetEdits.open(root).exclude(cat))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("excluded")
                .hasMessageContaining("link");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(cat).exists();
    }

    @Test
    void aLinkInsideExcludedIsNeverFollowedEither() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 7);
        Files.createDirectories(root.resolve("excluded"));
        Files.createSymbolicLink(root.resolve("excluded/training_set"), elsewhere);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");

        assertThatThrownBy(() -> DatasetEdits.open(root).exclude(cat)).hasMessageContaining("link");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(cat).exists();
    }

    @Test
    void aJournalRecordedThroughALinkedClassFolderCannotUndoThroughIt() throws Exception {
        Path pictures = Files.createDirectories(dir.resolve("Pictures"));
        Path photo = Files.copy(
                TestImages.splitDataset(dir.resolve("src"), 1, 1, 8).resolve("training_set/cats/cats.0.jpg"),
                pictures.resolve("holiday.jpg"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 8);
        Files.createSymbolicLink(root.resolve("training_set/birds"), pictures);
        writeJournal(
                root,
                journal(
                        "m1",
                        "TO_CLASS",
                        "training_set/cats/holiday.jpg",
                        "training_set/birds/holiday.jpg",
                        sha(photo)));

        // The journal's text is inside the data set; its real path is not: the undo refuses.
        assertThatThrownBy(() -> DatasetEdits.open(root).undo("m1"))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("link");
        assertThat(photo).exists();
        assertThat(root.resolve("training_set/cats/holiday.jpg")).doesNotExist();
    }

    @Test
    void aSymlinkedSplitFolderIsNotScannedAndItsPicturesCannotBeMoved() throws Exception {
        Path pictures =
                TestImages.splitDataset(dir.resolve("Pictures"), 2, 1, 9).resolve("training_set");
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 9);
        Path realTraining = root.resolve("training_set");
        try (Stream<Path> s = Files.walk(realTraining)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.createSymbolicLink(realTraining, pictures);

        Dataset d = new DatasetScanner().scan(root, null, null);
        assertThat(d.samples()).allSatisfy(s -> assertThat(s.path().toString()).doesNotContain("training_set"));
        assertThat(d.skipped())
                .extracting(SkippedFile::path, SkippedFile::reason)
                .contains(Tuple.tuple(realTraining, "link to a folder (not followed)"));

        Path picture = realTraining.resolve("cats/cats.0.jpg");
        assertThatThrownBy(() -> DatasetEdits.open(root).exclude(picture)).hasMessageContaining("link");
        assertThatThrownBy(() -> DatasetEdits.open(root).moveToClass(picture, "dogs"))
                .hasMessageContaining("link");
        assertThat(pictures.resolve("cats/cats.0.jpg")).exists();
        assertThat(root.resolve("excluded")).doesNotExist();
    }

    @Test
    void aSymlinkedClassFolderIsNotScanned() throws Exception {
        Path pictures = TestImages.flatDataset(dir.resolve("Pictures"), 3, 10).resolve("cats");
        Path root = TestImages.flatDataset(dir.resolve("data"), 3, 10);
        Files.createSymbolicLink(root.resolve("birds"), pictures);

        Dataset d = new DatasetScanner().scan(root, null, null);
        assertThat(d.classes()).containsExactly("cats", "dogs");
        assertThat(d.samples())
                .allSatisfy(s ->
                        assertThat(s.path().startsWith(root.resolve("birds"))).isFalse());
        assertThat(d.skipped())
                .extracting(SkippedFile::path, SkippedFile::reason)
                .contains(Tuple.tuple(root.resolve("birds"), "link to a folder (not followed)"));
    }

    @Test
    void keepingAFileOutsideTheDataSetIsRefusedSoTheJournalStaysReadable() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 12);
        DatasetEdits edits = DatasetEdits.open(root);
        assertThatThrownBy(() -> edits.keep("a".repeat(64), dir.resolve("elsewhere.jpg")))
                .hasMessageContaining("not inside the data set");
        edits.keep("b".repeat(64), root.resolve("training_set/cats/cats.0.jpg"));
        assertThat(DatasetEdits.open(root).isKept("b".repeat(64))).isTrue();
    }

    @Test
    void openingAJournalNeverWritesIt() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 11);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        // A move recorded but never made: the journal mends it in memory, and writes only with the next change.
        String text =
                journal("m1", "TO_CLASS", "training_set/cats/cats.0.jpg", "training_set/dogs/cats.0.jpg", sha(cat));
        Path file = writeJournal(root, text);

        DatasetEdits edits = DatasetEdits.open(root);
        assertThat(edits.moves()).isEmpty();
        edits.decisions();
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000L);
        assertThat(Files.exists(root.resolve("excluded"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }
}

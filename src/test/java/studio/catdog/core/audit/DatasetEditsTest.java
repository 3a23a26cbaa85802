package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.testing.TestImages;

class DatasetEditsTest {

    @TempDir
    Path dir;

    private static byte[] bytes(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    @Test
    void movesToTheOtherClassAndBackNeverOverwritingAndRemembersAcrossARestart() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 2, 1);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        byte[] catBytes = bytes(cat);
        // A dog of the same name is already there: the move must not replace it.
        Path clash = root.resolve("training_set/dogs/cats.0.jpg");
        Files.copy(root.resolve("training_set/dogs/dogs.0.jpg"), clash);
        byte[] clashBytes = bytes(clash);

        DatasetEdits edits = DatasetEdits.open(root);
        MoveRecord move = edits.moveToClass(cat, "dogs");
        assertThat(move.to()).isEqualTo(root.resolve("training_set/dogs/cats.0 (2).jpg"));
        assertThat(bytes(move.to())).isEqualTo(catBytes);
        assertThat(bytes(clash)).isEqualTo(clashBytes);
        assertThat(cat).doesNotExist();
        assertThat(move.kind()).isEqualTo(MoveRecord.Kind.TO_CLASS);
        assertThat(move.sha256()).isEqualTo(DatasetScanner.sha256(catBytes));

        // A restart: a new instance reads the journal and can undo the move.
        DatasetEdits reopened = DatasetEdits.open(root);
        assertThat(reopened.moves()).extracting(MoveRecord::id).containsExactly(move.id());
        // Meanwhile another file took the original name: the undo must not replace it either.
        Files.copy(root.resolve("training_set/cats/cats.1.jpg"), cat);
        byte[] newcomer = bytes(cat);
        Path back = reopened.undo(move.id());
        assertThat(back).isEqualTo(root.resolve("training_set/cats/cats.0 (2).jpg"));
        assertThat(bytes(back)).isEqualTo(catBytes);
        assertThat(bytes(cat)).isEqualTo(newcomer);
        assertThat(move.to()).doesNotExist();
        assertThat(DatasetEdits.open(root).moves()).isEmpty();
        assertThatThrownBy(() -> reopened.undo(move.id()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("no move");
    }

    @Test
    void excludedImagesLeaveTheDataSetAndComeBack() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 2, 2);
        Path test = root.resolve("test_set/dogs/dogs.1000.png");
        DatasetScanner scanner = new DatasetScanner();
        int before = scanner.scan(root, null, null).samples().size();

        DatasetEdits edits = DatasetEdits.open(root);
        MoveRecord m = edits.exclude(test);
        assertThat(m.to()).isEqualTo(root.resolve("excluded/test_set/dogs/dogs.1000.png"));
        Dataset after = scanner.scan(root, null, null);
        assertThat(after.samples()).hasSize(before - 1);
        assertThat(after.classes()).containsExactly("cats", "dogs");
        assertThat(after.skipped()).isEmpty();
        assertThat(edits.undoLast()).contains(test);
        assertThat(scanner.scan(root, null, null).samples()).hasSize(before);
        assertThat(edits.undoLast()).isEmpty();
    }

    @Test
    void aFlatDataSetKeepsExcludedOutOfItsClasses() throws Exception {
        Path root = TestImages.flatDataset(dir.resolve("flat"), 4, 3);
        DatasetEdits edits = DatasetEdits.open(root);
        MoveRecord m = edits.exclude(root.resolve("cats/cats0.jpg"));
        assertThat(m.to()).isEqualTo(root.resolve("excluded/cats/cats0.jpg"));
        Dataset scanned = new DatasetScanner().scan(root, null, null);
        assertThat(scanned.classes()).containsExactly("cats", "dogs");
        assertThat(scanned.samples()).hasSize(7);
        MoveRecord toDogs = edits.moveToClass(root.resolve("cats/cats1.jpg"), "dogs");
        assertThat(toDogs.to()).isEqualTo(root.resolve("dogs/cats1.jpg"));
    }

    @Test
    void keepDecisionsAreRememberedByContentAcrossRestartsAndMoves() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 2, 3);
        Path cat = root.resolve("training_set/cats/cats.2.jpg");
        String sha = DatasetScanner.sha256(bytes(cat));
        DatasetEdits edits = DatasetEdits.open(root);
        edits.keep(sha, cat);
        edits.keepPair("b", "a");
        assertThat(DatasetEdits.open(root).isKept(sha)).isTrue();
        assertThat(DatasetEdits.open(root).isPairKept("a", "b")).isTrue();
        assertThat(DatasetEdits.open(root).decisions().keptPairs()).containsExactly(DuplicatePair.keyOf("a", "b"));

        // Moving the file changes nothing: the decision is keyed by content.
        MoveRecord m = edits.moveToClass(cat, "dogs");
        assertThat(DatasetEdits.open(root).isKept(DatasetScanner.sha256(bytes(m.to()))))
                .isTrue();
        edits.forgetKeep(sha);
        assertThat(DatasetEdits.open(root).isKept(sha)).isFalse();
        edits.forgetPair("a", "b");
        assertThat(DatasetEdits.open(root).isPairKept("b", "a")).isFalse();
        assertThat(root.resolve(".catdog/audit.json")).exists();
        try (var files = Files.list(root.resolve(".catdog"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("audit.json");
        }
    }

    @Test
    void aMoveTheJournalRecordsButThatNeverHappenedIsDroppedOnOpen() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 2, 4);
        DatasetEdits edits = DatasetEdits.open(root);
        Path a = root.resolve("training_set/cats/cats.0.jpg");
        MoveRecord m = edits.moveToClass(a, "dogs");
        // Simulate a crash between the journal write and the rename: put the file back by hand.
        Files.move(m.to(), a);
        assertThat(DatasetEdits.open(root).moves()).isEmpty();
        assertThat(a).exists();
    }

    @Test
    void refusesWhatItCannotDoWithAClearMessageAndChangesNothing() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 5);
        DatasetEdits edits = DatasetEdits.open(root);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        assertThatThrownBy(() -> edits.moveToClass(cat, "cats")).hasMessageContaining("already in the class 'cats'");
        assertThatThrownBy(() -> edits.moveToClass(cat, "../x")).hasMessageContaining("not a class folder name");
        assertThatThrownBy(() -> edits.moveToClass(dir.resolve("elsewhere.jpg"), "dogs"))
                .hasMessageContaining("not inside the data set");
        assertThatThrownBy(() -> edits.exclude(root.resolve("training_set/cats/missing.jpg")))
                .hasMessageContaining("not there any more");
        MoveRecord m = edits.exclude(cat);
        Files.delete(m.to());
        assertThatThrownBy(() -> edits.undo(m.id())).hasMessageContaining("no longer there");
        assertThat(edits.moves()).hasSize(1);

        Files.writeString(edits.journalFile(), "{ not json");
        assertThatThrownBy(() -> DatasetEdits.open(root))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("cannot be read");
        assertThat(Files.readString(edits.journalFile())).isEqualTo("{ not json");
    }

    @Test
    void aJournalWrittenByAnEarlierVersionStillOpensAndKeepsItsShapeWhenRewritten() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 2, 6);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        Path moved = root.resolve("training_set/dogs/cats.0.jpg");
        String sha = DatasetScanner.sha256(bytes(cat));
        Files.move(cat, moved); // the move the journal below records
        Files.createDirectories(root.resolve(".catdog"));
        Files.writeString(root.resolve(".catdog/audit.json"), """
                {
                  "version": 1,
                  "moves": [
                    {
                      "id": "move-1",
                      "kind": "TO_CLASS",
                      "from": "training_set/cats/cats.0.jpg",
                      "to": "training_set/dogs/cats.0.jpg",
                      "sha256": "%s",
                      "time": "2026-01-02T03:04:05Z"
                    }
                  ],
                  "keptImages": {
                    "aaa": "training_set/cats/cats.1.jpg"
                  },
                  "keptPairs": [
                    "a+b"
                  ]
                }
                """.formatted(sha));

        DatasetEdits edits = DatasetEdits.open(root);
        assertThat(edits.moves())
                .containsExactly(new MoveRecord(
                        "move-1", MoveRecord.Kind.TO_CLASS, cat, moved, sha, Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(edits.isKept("aaa")).isTrue();
        assertThat(edits.isPairKept("b", "a")).isTrue();

        // A rewrite keeps the fields (and their order) that earlier versions read.
        edits.keep("bbb", root.resolve("training_set/dogs/dogs.0.jpg"));
        JsonObject written =
                JsonParser.parseString(Files.readString(edits.journalFile())).getAsJsonObject();
        assertThat(written.keySet()).containsExactly("version", "moves", "keptImages", "keptPairs");
        assertThat(written.get("version").getAsInt()).isEqualTo(1);
        JsonObject entry = written.getAsJsonArray("moves").get(0).getAsJsonObject();
        assertThat(entry.keySet()).containsExactly("id", "kind", "from", "to", "sha256", "time");
        assertThat(entry.get("to").getAsString()).isEqualTo("training_set/dogs/cats.0.jpg");
        assertThat(written.getAsJsonObject("keptImages").get("bbb").getAsString())
                .isEqualTo("training_set/dogs/dogs.0.jpg");
        assertThat(written.getAsJsonArray("keptPairs").get(0).getAsString()).isEqualTo("a+b");

        assertThat(edits.undo("move-1")).isEqualTo(cat);
        assertThat(bytes(cat)).isNotEmpty();
        assertThat(DatasetEdits.open(root).moves()).isEmpty();
    }

    @Test
    void whenTheJournalCannotBeWrittenNothingMovesAndNothingIsRemembered() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 7);
        // A plain file where the journal's folder should be: every journal write fails.
        Files.writeString(root.resolve(".catdog"), "in the way");
        DatasetEdits edits = DatasetEdits.open(root);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");

        assertThatThrownBy(() -> edits.moveToClass(cat, "dogs"))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("Could not write the audit journal")
                .hasMessageEndingWith("Nothing was changed.");
        assertThat(cat).exists();
        assertThat(root.resolve("training_set/dogs/cats.0.jpg")).doesNotExist();
        assertThat(edits.moves()).isEmpty();

        assertThatThrownBy(() -> edits.keep("aaa", cat)).hasMessageContaining("Could not write the audit journal");
        assertThat(edits.isKept("aaa")).isFalse();
        assertThatThrownBy(() -> edits.keepPair("a", "b")).hasMessageContaining("Could not write the audit journal");
        assertThat(edits.isPairKept("a", "b")).isFalse();
        assertThat(edits.decisions()).isEqualTo(KeptFindings.NONE);
    }
}

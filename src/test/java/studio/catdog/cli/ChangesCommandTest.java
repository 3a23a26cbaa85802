package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.testing.TestImages;

/** {@code catdog changes}: the journal's changes listed and undone, and hostile journals refused through it. */
class ChangesCommandTest {

    @TempDir
    Path dir;

    private static String sha(Path file) throws Exception {
        return DatasetScanner.sha256(Files.readAllBytes(file));
    }

    private static Path writeJournal(Path root, String from, String to, String sha) throws Exception {
        Path file = root.resolve(".catdog/audit.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"version": 1, "moves": [{"id": "m1", "kind": "TO_CLASS", "from": "%s", "to": "%s",
                  "sha256": "%s", "time": "2026-01-02T03:04:05Z"}]}
                """.formatted(from, to, sha));
        return file;
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    @Test
    void listsTheChangesAndUndoesTheLastOrOneById() throws Exception {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 1, 1);
        DatasetEdits edits = DatasetEdits.open(root);
        MoveRecord toDogs = edits.moveToClass(root.resolve("training_set/cats/cats.0.jpg"), "dogs");
        MoveRecord excluded = edits.exclude(root.resolve("training_set/cats/cats.1.jpg"));
        edits.keep(sha(root.resolve("training_set/cats/cats.2.jpg")), root.resolve("training_set/cats/cats.2.jpg"));

        CliRun table = CliRun.of("changes", "--data", root.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out())
                .contains(toDogs.id(), "to-class", "training_set/cats/cats.0.jpg -> training_set/dogs/cats.0.jpg")
                .contains(excluded.id(), "excluded", "-> excluded/training_set/cats/cats.1.jpg")
                .contains("2 change(s) in effect, oldest first; 1 image(s) and 0 pair(s) kept.");

        CliRun json = CliRun.of("changes", "--data", root.toString(), "--json");
        assertThat(json.code()).isZero();
        JsonArray changes = json.lastJson().getAsJsonArray("changes");
        assertThat(changes).hasSize(2);
        JsonObject first = changes.get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(toDogs.id());
        assertThat(first.get("from").getAsString()).isEqualTo("training_set/cats/cats.0.jpg");
        assertThat(first.get("sha256").getAsString()).isEqualTo(toDogs.sha256());
        assertThat(json.lastJson().get("keptImages").getAsInt()).isEqualTo(1);

        CliRun undoLast = CliRun.of("changes", "--data", root.toString(), "--undo-last", "--json");
        assertThat(undoLast.code()).isZero();
        JsonObject undone = undoLast.lastJson().getAsJsonArray("undone").get(0).getAsJsonObject();
        assertThat(undone.get("id").getAsString()).isEqualTo(excluded.id());
        assertThat(undone.get("now").getAsString()).isEqualTo("training_set/cats/cats.1.jpg");
        assertThat(root.resolve("training_set/cats/cats.1.jpg")).exists();

        CliRun byId = CliRun.of("changes", "--data", root.toString(), "--undo", toDogs.id());
        assertThat(byId.code()).isZero();
        assertThat(byId.out()).contains("is back at training_set/cats/cats.0.jpg");
        assertThat(root.resolve("training_set/cats/cats.0.jpg")).exists();
        assertThat(DatasetEdits.open(root).moves()).isEmpty();

        CliRun nothing = CliRun.of("changes", "--data", root.toString(), "--undo-last");
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).contains("No change to undo.");
        CliRun unknown = CliRun.of("changes", "--data", root.toString(), "--undo", "nope");
        assertThat(unknown.code()).isEqualTo(CatdogCli.EXIT_FAILED);
        assertThat(unknown.err()).contains("There is no change nope");
        CliRun both = CliRun.of("changes", "--data", root.toString(), "--undo", "x", "--undo-last");
        assertThat(both.code()).isEqualTo(CatdogCli.EXIT_USAGE);
    }

    @Test
    void aTraversalInTheJournalIsRefusedAndNothingMovesOrIsCreated() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 2);
        Path dog = root.resolve("training_set/dogs/dogs.0.jpg");
        Path journal =
                writeJournal(root, "../home/.config/autostart/evil.desktop", "training_set/dogs/dogs.0.jpg", sha(dog));
        String text = Files.readString(journal);
        List<Path> before = tree(dir);

        for (String[] args : new String[][] {{}, {"--undo-last"}, {"--undo", "m1"}, {"--json"}}) {
            String[] all = Stream.concat(Stream.of("changes", "--data", root.toString()), Stream.of(args))
                    .toArray(String[]::new);
            CliRun run = CliRun.of(all);
            assertThat(run.code()).as(String.join(" ", all)).isEqualTo(CatdogCli.EXIT_FAILED);
            assertThat(run.err())
                    .contains("error: The audit journal " + journal)
                    .contains("'..'")
                    .contains("left as it is")
                    .doesNotContain("Exception");
        }
        assertThat(tree(dir)).isEqualTo(before);
        assertThat(home).isEmptyDirectory();
        assertThat(Files.readString(journal)).isEqualTo(text);
    }

    @Test
    void anAbsolutePathInTheJournalIsRefused() throws Exception {
        Path document = Files.writeString(dir.resolve("taxes.pdf"), "mine");
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 3);
        writeJournal(root, "training_set/cats/taxes.pdf", document.toString(), sha(document));

        CliRun run = CliRun.of("changes", "--data", root.toString(), "--undo-last");
        assertThat(run.code()).isEqualTo(CatdogCli.EXIT_FAILED);
        assertThat(run.err()).contains("is absolute");
        assertThat(document).hasContent("mine");
        assertThat(root.resolve("training_set/cats/taxes.pdf")).doesNotExist();
    }

    @Test
    void aSymlinkedStateFolderIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 4);
        Path cat = root.resolve("training_set/cats/cats.0.jpg");
        writeJournal(
                elsewhere.getParent().resolve("data"),
                "training_set/cats/cats.0.jpg",
                "training_set/dogs/cats.0.jpg",
                sha(cat));
        // The journal above is where a real one lives; now swap the state folder for a link to elsewhere.
        Path state = root.resolve(".catdog");
        Files.move(state.resolve("audit.json"), elsewhere.resolve("audit.json"));
        Files.delete(state);
        Files.createSymbolicLink(state, elsewhere);
        Files.move(cat, root.resolve("training_set/dogs/cats.0.jpg"));

        CliRun run = CliRun.of("changes", "--data", root.toString(), "--undo-last");
        assertThat(run.code()).isEqualTo(CatdogCli.EXIT_FAILED);
        assertThat(run.err()).contains(state + " is a link");
        assertThat(root.resolve("training_set/dogs/cats.0.jpg")).exists();
        assertThat(cat).doesNotExist();
    }
}

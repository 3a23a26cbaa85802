package studio.catdog.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.testing.TestImages;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.browser.AuditRows.Status;
import studio.catdog.ui.common.Session;

/**
 * The "Recent changes" list over a real journal, without a toolkit or an engine: the moves an earlier
 * session made, the lookups the rows' Undo buttons use, and the undo of a "keep".
 */
class RecentChangesViewModelTest {

    @TempDir
    Path dir;

    private final Session session = new Session();
    private final List<List<ImageSample>> keepsUndone = new ArrayList<>();
    private final RecentChangesViewModel changes = new RecentChangesViewModel(
            null,
            session,
            new CurrentThreadTaskExecutor(),
            (m, back) -> {
                throw new AssertionError("no move is undone here");
            },
            keepsUndone::add);

    private DatasetEdits open(Path root) {
        DatasetEdits[] opened = new DatasetEdits[1];
        changes.open(root, e -> opened[0] = e, e -> {
            throw new AssertionError(e);
        });
        return opened[0];
    }

    @Test
    void movesOfAnEarlierSessionAreListedNewestFirstAndFoundByWhereTheFileIsNow() {
        Path root = TestImages.splitDataset(dir.resolve("data"), 3, 1, 1);
        DatasetEdits earlier = DatasetEdits.open(root);
        MoveRecord moved = earlier.moveToClass(root.resolve("training_set/cats/cats.0.jpg"), "dogs");
        MoveRecord excluded = earlier.exclude(root.resolve("training_set/dogs/dogs.1.jpg"));

        DatasetEdits edits = open(root);
        assertThat(edits).isSameAs(changes.edits());
        assertThat(changes.changes())
                .extracting(AuditChange::text)
                .containsExactly("Excluded dogs.1.jpg (was in dogs)", "Moved cats.0.jpg from cats to dogs");
        assertThat(open(root)).as("the open journal is reused").isSameAs(edits);

        ImageSample cat = new ImageSample(moved.from(), 0, Split.TRAIN, moved.sha256(), 1);
        assertThat(changes.changeFor(new AuditItem(cat, "dogs", moved.to(), Status.MOVED))
                        .move())
                .isEqualTo(moved);
        assertThat(changes.changeFor(new AuditItem(cat, "cats", moved.from(), Status.OPEN)))
                .isNull();
        assertThat(changes.changes().get(0).move()).isEqualTo(excluded);

        changes.close();
        assertThat(changes.edits()).isNull();
        assertThat(changes.changes()).isEmpty();
        assertThat(changes.undoLast().join()).as("nothing to undo").isFalse();
    }

    @Test
    void undoingAKeepForgetsItInTheJournalAndTellsTheRows() {
        Path root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 1);
        DatasetEdits edits = open(root);
        Path file = root.resolve("training_set/cats/cats.0.jpg");
        ImageSample kept = new ImageSample(file, 0, Split.TRAIN, "abc", 1);
        edits.keep(kept.sha256(), file);
        changes.recordKeep("Kept cats.0.jpg as cats", List.of(kept));
        AuditChange change = changes.changes().get(0);
        assertThat(changes.changeFor(new AuditItem(kept, "cats", file, Status.KEPT)))
                .isSameAs(change);

        assertThat(changes.undo(change).join()).isTrue();
        assertThat(edits.isKept("abc")).isFalse();
        assertThat(keepsUndone).containsExactly(List.of(kept));
        assertThat(changes.changes()).isEmpty();
        assertThat(changes.undo(change).join()).as("not twice").isFalse();
        assertThat(session.errorProperty().get()).isNull();
    }
}

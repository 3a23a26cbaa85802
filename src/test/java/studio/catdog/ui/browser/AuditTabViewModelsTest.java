package studio.catdog.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditTimings;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.DuplicateGroup;
import studio.catdog.core.audit.DuplicatePair;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.SuspectTier;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.testing.TestImages;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.browser.AuditRows.DuplicateKind;
import studio.catdog.ui.browser.AuditRows.Status;
import studio.catdog.ui.common.Session;

/**
 * The tabs' ViewModels ({@link LabelErrorsViewModel}, {@link DuplicatesViewModel}) and the image
 * actions they share ({@link AuditImageActions}) on a hand-made report, without a toolkit or an
 * engine: the rows a report makes, one change reaching every row of an image, and "keep" recorded in
 * a real journal.
 */
class AuditTabViewModelsTest {

    @TempDir
    Path dir;

    private final Session session = new Session();
    private final CurrentThreadTaskExecutor ui = new CurrentThreadTaskExecutor();
    private final RecentChangesViewModel changes =
            new RecentChangesViewModel(null, session, ui, (m, back) -> {}, samples -> {});
    private final AuditImageActions actions = new AuditImageActions(null, session, ui, null, changes);
    private final LabelErrorsViewModel labelErrors = new LabelErrorsViewModel(actions);
    private final DuplicatesViewModel duplicates = new DuplicatesViewModel(actions);

    private Path root;
    private ImageSample planted;
    private ImageSample unsure;
    private ImageSample source;
    private ImageSample copy;
    private ImageSample twin;

    private ImageSample sample(String path, int label, Split split) {
        return new ImageSample(root.resolve(path), label, split, "sha-" + path, 1000);
    }

    @BeforeEach
    void setUp() {
        // The data set folder holds the journal; the images are only named (nothing moves here).
        root = TestImages.splitDataset(dir.resolve("data"), 2, 1, 1)
                .toAbsolutePath()
                .normalize();
        planted = sample("training_set/cats/planted.jpg", 0, Split.TRAIN);
        unsure = sample("training_set/dogs/unsure.jpg", 1, Split.TRAIN);
        source = sample("training_set/cats/source.jpg", 0, Split.TRAIN);
        copy = sample("test_set/cats/copy.png", 0, Split.TEST);
        twin = sample("training_set/cats/twin.jpg", 0, Split.TRAIN);
    }

    private AuditReport report(int keptHidden) {
        List<LabelSuspect> suspects = List.of(
                new LabelSuspect(planted, "cats", "dogs", 0.9, new double[] {0.05, 0.95}, SuspectTier.LIKELY),
                new LabelSuspect(unsure, "dogs", "cats", 0.2, new double[] {0.6, 0.4}, SuspectTier.POSSIBLE));
        // The leak lists the test copy first: the row puts the training image first.
        DuplicatePair leak = new DuplicatePair(copy, source, 0.99, 3, true);
        DuplicateGroup group = new DuplicateGroup(Split.TRAIN, List.of(planted, twin), 0.97);
        return new AuditReport(
                List.of("cats", "dogs"),
                4,
                1,
                new double[] {0.5, 0.5},
                suspects,
                keptHidden,
                List.of(group),
                List.of(leak),
                List.of(),
                List.of(),
                new AuditTimings(0, 0, 0, 0, 0, 0));
    }

    private void showAll(AuditReport r) {
        actions.showIn(labelErrors);
        actions.showIn(duplicates);
        labelErrors.show(r);
        duplicates.show(r);
    }

    @Test
    void aSuspectWhoseNearestImagesAreFarSaysTheyCountedForLess() {
        ImageSample kittens = sample("training_set/cats/kittens.jpg", 0, Split.TRAIN);
        double[] p = {0.03, 0.97};
        double[] shares = {0.0, 1.0};
        LabelSuspect far = new LabelSuspect(
                kittens, "cats", "dogs", 0.65, p, shares, SuspectTier.POSSIBLE, List.of(), List.of(), 0.76);
        LabelSuspect near = new LabelSuspect(
                kittens, "cats", "dogs", 0.95, p, shares, SuspectTier.LIKELY, List.of(), List.of(), 0.96);
        AuditItem item = new AuditItem(kittens, "cats", kittens.path(), Status.OPEN);

        assertThat(far.farNeighbours()).isTrue();
        assertThat(new SuspectRow(1, far, item).evidenceText())
                .startsWith("0 of its 20 most similar images are filed as cats")
                .contains("Its nearest images are far, so they count for less")
                .contains("76")
                .contains("image's label");
        assertThat(near.farNeighbours()).isFalse();
        assertThat(new SuspectRow(1, near, item).evidenceText()).doesNotContain("far");
    }

    @Test
    void aReportBecomesRankedSuspectsAndLeaksBeforeGroupsTrainingImageFirst() {
        showAll(report(2));

        assertThat(labelErrors.suspects()).extracting(SuspectRow::rank).containsExactly(1, 2);
        AuditItem first = labelErrors.suspects().get(0).item();
        assertThat(first.className()).isEqualTo("cats");
        assertThat(first.status()).isEqualTo(Status.OPEN);
        assertThat(labelErrors.suspects().get(1).item().className()).isEqualTo("dogs");
        assertThat(labelErrors.placeholderProperty().get()).endsWith("every label you did not keep.");

        assertThat(duplicates.duplicates())
                .extracting(DuplicateRow::kind)
                .containsExactly(DuplicateKind.LEAK, DuplicateKind.GROUP);
        assertThat(duplicates.duplicates().get(0).items())
                .extracting(AuditItem::sample)
                .containsExactly(source, copy);
        assertThat(duplicates.duplicates().get(0).hashDistance()).isEqualTo(3);
        assertThat(duplicates.duplicates().get(1).hashDistance()).isEqualTo(-1);
        assertThat(duplicates.placeholderProperty().get()).startsWith("No near-duplicates");

        labelErrors.clear(LabelErrorsViewModel.NOT_AUDITED);
        duplicates.clear("No data set open.");
        assertThat(labelErrors.suspects()).isEmpty();
        assertThat(duplicates.duplicates()).isEmpty();
        assertThat(labelErrors.placeholderProperty().get()).startsWith("Not audited yet");
        assertThat(duplicates.placeholderProperty().get()).isEqualTo("No data set open.");
    }

    @Test
    void aChangeToAnImageReachesItsSuspectRowAndItsDuplicateRow() {
        showAll(report(0));
        assertThat(labelErrors.placeholderProperty().get()).endsWith("every label.");

        actions.update(planted, i -> i.with(Status.MOVED, "dogs", Path.of("elsewhere.jpg")));

        assertThat(labelErrors.suspects().get(0).item().status()).isEqualTo(Status.MOVED);
        assertThat(labelErrors.suspects().get(0).rank()).isEqualTo(1);
        AuditItem inGroup = duplicates.duplicates().get(1).items().get(0);
        assertThat(inGroup.status()).isEqualTo(Status.MOVED);
        assertThat(inGroup.className()).isEqualTo("dogs");
        assertThat(duplicates.duplicates().get(1).items().get(1).status())
                .as("its twin")
                .isEqualTo(Status.OPEN);
        // An older row's item is looked up as shown now, so a second action is refused in place.
        assertThat(actions.current(AuditItem.audited(planted, report(0))).status())
                .isEqualTo(Status.MOVED);
        assertThat(actions.current(AuditItem.audited(sample("nowhere.jpg", 0, Split.TRAIN), report(0)))
                        .status())
                .as("an image no row shows is taken as it is")
                .isEqualTo(Status.OPEN);
    }

    @Test
    void nothingIsKeptBeforeTheJournalIsOpen() {
        showAll(report(0));
        assertThat(actions.canEdit()).isFalse();
        assertThat(labelErrors.keep(labelErrors.suspects().get(0)).join()).isFalse();
        assertThat(duplicates.keepDuplicates(duplicates.duplicates().get(0)).join())
                .isFalse();
        assertThat(labelErrors.suspects().get(0).item().status()).isEqualTo(Status.OPEN);
        assertThat(changes.changes()).isEmpty();
    }

    @Test
    void keepingASuspectAndAFindingIsRecordedInTheJournalAndListed() {
        changes.open(root, e -> {}, e -> {
            throw new AssertionError(e);
        });
        showAll(report(0));
        assertThat(actions.canEdit()).isTrue();

        SuspectRow row = labelErrors.suspects().get(0);
        assertThat(labelErrors.keep(row).join()).isTrue();
        assertThat(labelErrors.suspects().get(0).item().status()).isEqualTo(Status.KEPT);
        assertThat(duplicates.duplicates().get(1).items().get(0).status()).isEqualTo(Status.KEPT);
        assertThat(changes.changes()).extracting(AuditChange::text).containsExactly("Kept planted.jpg as cats");
        assertThat(changes.edits().isKept(planted.sha256())).isTrue();
        assertThat(labelErrors.keep(row).join()).as("kept already").isFalse();

        DuplicateRow leak = duplicates.duplicates().get(0);
        assertThat(duplicates.keepDuplicates(leak).join()).isTrue();
        assertThat(duplicates.duplicates().get(0).kept()).isTrue();
        assertThat(duplicates.keepDuplicates(leak).join()).as("kept already").isFalse();
        assertThat(changes.changes().get(0).text()).isEqualTo("Kept source.jpg and copy.png (not duplicates)");
        assertThat(changes.keepFor(DuplicatesViewModel.samples(leak)))
                .isSameAs(changes.changes().get(0));
        assertThat(DatasetEdits.open(root).isPairKept(source.sha256(), copy.sha256()))
                .isTrue();

        duplicates.forgetKept(List.of(source, copy));
        assertThat(duplicates.duplicates().get(0).kept()).isFalse();
    }
}

package studio.catdog.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.AuditData;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.ManualUiExecutor;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.Session;

/**
 * The audit's ViewModel without a toolkit: the test thread plays the UI thread
 * ({@link ManualUiExecutor}), the audit and the moves run as real jobs with the tiny backbone on a
 * generated data set with a planted label error and a planted leak.
 */
class AuditViewModelTest {

    private static final long LIMIT_MS = 180_000;

    @TempDir
    static Path tmp;

    static ModelService service;

    private final ManualUiExecutor ui = new ManualUiExecutor();
    private Session session;
    private BrowserViewModel browser;
    private AuditViewModel vm;

    @BeforeAll
    static void setUpAll() {
        service = TestServices.service(tmp.resolve("home"));
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    private Path open(String name) {
        Path data = AuditData.write(tmp.resolve(name), 12, 4).toAbsolutePath();
        session = new Session();
        browser = new BrowserViewModel(service, session, AppSettings.load(tmp.resolve(name + ".properties")), ui);
        vm = new AuditViewModel(service, session, ui, browser, new BackboneChoice(BackboneSpec.TINY));
        assertThat(vm.canAuditProperty().get()).as("no data set yet").isFalse();
        await("the scan", browser.open(data));
        assertThat(vm.canAuditProperty().get()).isTrue();
        assertThat(vm.suspectsPlaceholderProperty().get()).contains("Not audited yet");
        return data;
    }

    private <T> T await(String what, CompletableFuture<T> f) {
        ui.pumpUntil(what, f::isDone, LIMIT_MS);
        return f.join();
    }

    private int trainCount(String cls) {
        return browser.counts().stream()
                .filter(r -> r.className().equals(cls))
                .findFirst()
                .orElseThrow()
                .train();
    }

    private int testCount(String cls) {
        return browser.counts().stream()
                .filter(r -> r.className().equals(cls))
                .findFirst()
                .orElseThrow()
                .test();
    }

    @Test
    void findsThePlantedErrorMovesItUndoesItAndKeepsIt() throws Exception {
        Path data = open("labels");
        Path planted = data.resolve(AuditData.MISLABELED);

        CompletableFuture<AuditReport> running = vm.audit();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.canAuditProperty().get()).as("one audit at a time").isFalse();
        AuditReport report = await("the audit", running);

        assertThat(report).isNotNull();
        assertThat(session.errorProperty().get()).isNull();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get())
                .contains("training and test images", "likely and", "possible label errors");
        assertThat(session.auditProperty().get()).isSameAs(report);
        assertThat(vm.suspects()).isNotEmpty();
        SuspectRow first = vm.suspects().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.item().path()).isEqualTo(planted);
        assertThat(first.suspect().givenClass()).isEqualTo("cats");
        assertThat(first.suspect().suggestedClass()).isEqualTo("dogs");
        assertThat(first.verdict()).isEqualTo("filed as cats, looks like dogs");
        // The evidence beside it: its neighbours' labels in words, and the nearest images of both classes.
        assertThat(first.evidenceText()).contains("most similar images are filed as cats");
        assertThat(first.suspect().givenClassNeighbours()).isNotEmpty().allMatch(x -> x.label() == 0);
        assertThat(first.suspect().suggestedClassNeighbours()).isNotEmpty().allMatch(x -> x.label() == 1);
        assertThat(first.item().where()).isEqualTo("training · cats");

        // Move it where the audit says it belongs; the browser's counts follow.
        assertThat(trainCount("cats")).isEqualTo(13);
        var move = await("the move", vm.acceptSuggestion(first));
        assertThat(move.to()).isEqualTo(data.resolve("training_set/dogs/planted-dog.jpg"));
        assertThat(planted).doesNotExist();
        assertThat(move.to()).exists();
        SuspectRow moved = vm.suspects().get(0);
        assertThat(moved.item().status()).isEqualTo(AuditRows.Status.MOVED);
        assertThat(moved.item().statusText()).isEqualTo("Moved to dogs");
        assertThat(moved.item().actionable()).isFalse();
        assertThat(vm.changes()).hasSize(1);
        assertThat(vm.changes().get(0).text()).isEqualTo("Moved planted-dog.jpg from cats to dogs");
        ui.pumpUntil(
                "the browser's counts follow the move",
                () -> !browser.scanningProperty().get() && trainCount("cats") == 12 && trainCount("dogs") == 13,
                LIMIT_MS);
        assertThat(vm.suspects())
                .as("a rescan of the same folder keeps the findings")
                .hasSize(report.suspects().size());

        // A second move of the same row is refused in place (nothing is offered).
        assertThat(await("a refused move", vm.acceptSuggestion(moved))).isNull();

        // Undo puts it back, and the actions are offered again.
        assertThat(await("the undo", vm.undo(moved.item()))).isTrue();
        assertThat(planted).exists();
        assertThat(data.resolve("training_set/dogs/planted-dog.jpg")).doesNotExist();
        assertThat(vm.changes()).isEmpty();
        SuspectRow back = vm.suspects().get(0);
        assertThat(back.item().status()).isEqualTo(AuditRows.Status.OPEN);
        assertThat(back.item().path()).isEqualTo(planted);
        ui.pumpUntil(
                "the counts follow the undo",
                () -> !browser.scanningProperty().get() && trainCount("cats") == 13 && trainCount("dogs") == 12,
                LIMIT_MS);

        // Keep: remembered in the journal, so the next audit does not suggest it again.
        assertThat(await("keep", vm.keep(back))).isTrue();
        assertThat(vm.suspects().get(0).item().status()).isEqualTo(AuditRows.Status.KEPT);
        assertThat(vm.changes()).extracting(AuditChange::text).containsExactly("Kept planted-dog.jpg as cats");
        assertThat(Files.readString(data.resolve(".catdog/audit.json"))).contains("planted-dog.jpg");
        AuditReport again = await("the second audit", vm.audit());
        assertThat(again.keptHidden()).isGreaterThanOrEqualTo(1);
        assertThat(vm.suspects()).extracting(r -> r.item().path()).doesNotContain(planted);
        assertThat(planted).as("keeping never moves a file").exists();

        // Undoing the keep makes it a suspect again.
        assertThat(await("undo the keep", vm.undoLast())).isTrue();
        AuditReport third = await("the third audit", vm.audit());
        assertThat(third.suspects().get(0).file()).isEqualTo(planted);
        assertThat(await("nothing left to undo", vm.undoLast())).isFalse();
    }

    @Test
    void showsTheLeakSideBySideExcludesTheTestCopyAndUndoes() throws Exception {
        Path data = open("leak");
        Path source = data.resolve(AuditData.LEAK_SOURCE);
        Path copy = data.resolve(AuditData.LEAK_COPY);
        await("the audit", vm.audit());

        DuplicateRow leak = vm.duplicates().stream()
                .filter(r -> r.kind() == AuditRows.DuplicateKind.LEAK)
                .findFirst()
                .orElseThrow();
        assertThat(vm.duplicates().get(0).kind()).as("leaks are listed first").isEqualTo(AuditRows.DuplicateKind.LEAK);
        assertThat(leak.items()).extracting(AuditItem::path).containsExactly(source, copy);
        assertThat(leak.title()).startsWith("Leaked into test");
        assertThat(leak.detail()).contains("feature similarity", "of 64 bits");
        AuditItem testCopy = leak.items().get(1);
        assertThat(vm.otherClasses(testCopy)).containsExactly("dogs");

        int testCats = testCount("cats");
        var excluded = await("exclude the test copy", vm.exclude(testCopy));
        assertThat(excluded.to()).isEqualTo(data.resolve("excluded").resolve(AuditData.LEAK_COPY));
        assertThat(copy).doesNotExist();
        assertThat(excluded.to()).exists();
        assertThat(vm.duplicates().get(0).items().get(1).status()).isEqualTo(AuditRows.Status.EXCLUDED);
        assertThat(vm.changes().get(0).text()).isEqualTo("Excluded cat.3-resized.png (was in cats)");
        ui.pumpUntil(
                "the test count follows",
                () -> !browser.scanningProperty().get() && testCount("cats") == testCats - 1,
                LIMIT_MS);

        assertThat(await("undo last", vm.undoLast())).isTrue();
        assertThat(copy).exists();
        assertThat(vm.duplicates().get(0).items().get(1).status()).isEqualTo(AuditRows.Status.OPEN);
        ui.pumpUntil(
                "the test count is back",
                () -> !browser.scanningProperty().get() && testCount("cats") == testCats,
                LIMIT_MS);

        // "Not duplicates" is remembered and undoable.
        assertThat(await("not duplicates", vm.keepDuplicates(vm.duplicates().get(0))))
                .isTrue();
        assertThat(vm.duplicates().get(0).kept()).isTrue();
        assertThat(vm.changeFor(vm.duplicates().get(0))).isNotNull();
        AuditReport again = await("the second audit", vm.audit());
        assertThat(again.leaks()).extracting(p -> p.second().path()).doesNotContain(copy);
        assertThat(vm.changes()).hasSize(1);
        assertThat(await("undo not duplicates", vm.undoLast())).isTrue();
        AuditReport third = await("the third audit", vm.audit());
        assertThat(third.leaks()).extracting(p -> p.second().path()).contains(copy);
    }

    @Test
    void cancellingStopsOnlyTheAuditAndAnotherFolderClearsTheFindings() throws Exception {
        open("cancel");
        CompletableFuture<AuditReport> running = vm.audit();
        vm.cancel();
        assertThat(await("the cancelled audit", running)).isNull();
        assertThat(vm.stepProperty().get()).isEqualTo("The audit was cancelled.");
        assertThat(session.errorProperty().get()).as("a cancel is no error").isNull();
        assertThat(vm.reportProperty().get()).isNull();

        assertThat(await("the audit", vm.audit())).isNotNull();
        assertThat(vm.suspects()).isNotEmpty();
        await("move one", vm.acceptSuggestion(vm.suspects().get(0)));
        ui.pumpUntil("the rescan", () -> !browser.scanningProperty().get(), LIMIT_MS);
        assertThat(vm.changes()).hasSize(1);

        Path other = AuditData.write(tmp.resolve("other"), 6, 2);
        await("opening another folder", browser.open(other));
        assertThat(vm.reportProperty().get()).isNull();
        assertThat(vm.suspects()).isEmpty();
        assertThat(vm.duplicates()).isEmpty();
        assertThat(vm.changes()).as("changes belong to their data set").isEmpty();
        assertThat(vm.suspectsPlaceholderProperty().get()).contains("Not audited yet");
    }

    @Test
    void undoingAMoveAfterAnotherAuditUpdatesTheRowsOfThatAudit() throws Exception {
        Path data = open("reaudit");
        await("the audit", vm.audit());
        DuplicateRow leak = vm.duplicates().get(0);
        AuditItem source = leak.items().get(0);
        var move = await("move the training copy", vm.move(source, "dogs"));
        ui.pumpUntil("the rescan", () -> !browser.scanningProperty().get(), LIMIT_MS);

        // A new audit finds the moved file in its new folder, as a plain row.
        await("the second audit", vm.audit());
        AuditItem there = vm.duplicates().stream()
                .flatMap(r -> r.items().stream())
                .filter(i -> i.path().equals(move.to()))
                .findFirst()
                .orElseThrow();
        assertThat(there.status()).isEqualTo(AuditRows.Status.OPEN);
        assertThat(there.className()).isEqualTo("dogs");

        // Undoing the move from the list puts the file back, and that row follows it.
        assertThat(await("undo", vm.undoLast())).isTrue();
        assertThat(data.resolve(AuditData.LEAK_SOURCE)).exists();
        AuditItem back = vm.duplicates().stream()
                .flatMap(r -> r.items().stream())
                .filter(i -> i.sample().equals(there.sample()))
                .findFirst()
                .orElseThrow();
        assertThat(back.path()).isEqualTo(data.resolve(AuditData.LEAK_SOURCE));
        assertThat(back.className()).isEqualTo("cats");
        var excluded = await("exclude it where it is now", vm.exclude(back));
        assertThat(excluded).isNotNull();
        assertThat(session.errorProperty().get()).isNull();
    }

    @Test
    void movesMadeInAnEarlierSessionAreListedAndUndoable() throws Exception {
        Path data = open("earlier");
        await("the audit", vm.audit());
        await("move", vm.acceptSuggestion(vm.suspects().get(0)));
        ui.pumpUntil("the rescan", () -> !browser.scanningProperty().get(), LIMIT_MS);

        // A new window on the same folder: the journal's moves are listed once the audit opens it.
        Session fresh = new Session();
        BrowserViewModel browser2 =
                new BrowserViewModel(service, fresh, AppSettings.load(tmp.resolve("e2.properties")), ui);
        AuditViewModel vm2 = new AuditViewModel(service, fresh, ui, browser2, new BackboneChoice(BackboneSpec.TINY));
        await("the scan", browser2.open(data));
        await("the audit", vm2.audit());
        assertThat(vm2.changes())
                .extracting(AuditChange::text)
                .containsExactly("Moved planted-dog.jpg from cats to dogs");
        assertThat(await("undo", vm2.undoLast())).isTrue();
        assertThat(data.resolve(AuditData.MISLABELED)).exists();
    }
}

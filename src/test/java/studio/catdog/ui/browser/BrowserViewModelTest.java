package studio.catdog.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

class BrowserViewModelTest {

    @TempDir
    static Path tmp;

    static ModelService service;

    @BeforeAll
    static void setUp() {
        service = TestServices.service(tmp.resolve("home"));
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    @Test
    void opensCountsFiltersAndListsProblems() throws Exception {
        Path data = TestImages.datasetWithMistakes(tmp.resolve("data"), 6, 3);
        Files.writeString(data.resolve("training_set/cats/readme.txt"), "not an image");
        Files.copy(data.resolve("training_set/dogs/dog.0.jpg"), data.resolve("test_set/dogs/copy.jpg"));
        Session session = new Session();
        AppSettings settings = AppSettings.load(tmp.resolve("s.properties"));
        BrowserViewModel vm = new BrowserViewModel(service, session, settings, new CurrentThreadTaskExecutor());
        assertThat(vm.placeholderProperty().get()).contains("No data set open");

        vm.open(data).get(30, TimeUnit.SECONDS);

        assertThat(vm.counts()).containsExactly(new ClassCountRow("cats", 6, 3), new ClassCountRow("dogs", 6, 4));
        assertThat(vm.visibleSamples()).hasSize(19);
        assertThat(vm.issues()).extracting(DatasetIssue::kind).contains("Skipped", "Leak", "Duplicate");
        assertThat(vm.summaryProperty().get()).contains("2 classes", "12 training", "7 test");
        assertThat(settings.lastDataset()).contains(data.toAbsolutePath());
        assertThat(vm.classChoices()).containsExactly(BrowserViewModel.ALL_CLASSES, "cats", "dogs");

        vm.splitFilterProperty().set(Split.TEST);
        assertThat(vm.visibleSamples()).hasSize(7);
        vm.classFilterProperty().set("dogs");
        assertThat(vm.visibleSamples()).hasSize(4).allMatch(s -> s.split() == Split.TEST && s.label() == 1);
        vm.splitFilterProperty().set(null);
        assertThat(vm.visibleSamples()).hasSize(10);
        assertThat(vm.describe(vm.visibleSamples().get(0))).contains("dogs").endsWith("KB");
    }

    @Test
    void openingTheSameFolderAgainShowsItAgainInsteadOfScanningForever() throws Exception {
        Path data = TestImages.datasetWithMistakes(tmp.resolve("again"), 4, 2);
        Session session = new Session();
        BrowserViewModel vm = new BrowserViewModel(
                service, session, AppSettings.load(tmp.resolve("a.properties")), new CurrentThreadTaskExecutor());
        vm.open(data).get(30, TimeUnit.SECONDS);
        String shown = vm.summaryProperty().get();
        assertThat(shown).contains("8 training and 4 test images");

        vm.open(data).get(30, TimeUnit.SECONDS); // unchanged: the scan returns an equal data set

        assertThat(vm.scanningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo(shown);
        assertThat(vm.counts()).hasSize(2);
    }

    @Test
    void aFolderWithoutImagesIsReportedAndKeepsTheOpenDataSet() throws Exception {
        Session session = new Session();
        BrowserViewModel vm = new BrowserViewModel(
                service, session, AppSettings.load(tmp.resolve("t.properties")), new CurrentThreadTaskExecutor());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        vm.open(empty).handle((d, e) -> null).get(30, TimeUnit.SECONDS);
        assertThat(session.errorProperty().get()).startsWith("Opening the data set");
        assertThat(session.datasetProperty().get()).isNull();
        assertThat(vm.scanningProperty().get()).isFalse();
    }

    @Test
    void aScanOfTheSameFolderKeepsTheClassFilterAnotherFolderShowsAll() throws Exception {
        Path data = TestImages.datasetWithMistakes(tmp.resolve("kept-filter"), 4, 2);
        Path other = TestImages.datasetWithMistakes(tmp.resolve("other-folder"), 3, 2);
        Session session = new Session();
        BrowserViewModel vm = new BrowserViewModel(
                service, session, AppSettings.load(tmp.resolve("kept.properties")), new CurrentThreadTaskExecutor());
        vm.open(data).get(30, TimeUnit.SECONDS);
        vm.classFilterProperty().set("dogs");
        int dogs = vm.visibleSamples().size();

        // What a move in the audit does: the file moves, then the same folder is scanned again.
        Files.move(data.resolve("training_set/cats/cat.0.jpg"), data.resolve("training_set/dogs/cat.0.jpg"));
        vm.open(data).get(30, TimeUnit.SECONDS);

        assertThat(vm.classFilterProperty().get()).as("the filter after a move").isEqualTo("dogs");
        assertThat(vm.visibleSamples()).hasSize(dogs + 1);

        vm.open(other).get(30, TimeUnit.SECONDS);
        assertThat(vm.classFilterProperty().get()).isEqualTo(BrowserViewModel.ALL_CLASSES);
    }
}

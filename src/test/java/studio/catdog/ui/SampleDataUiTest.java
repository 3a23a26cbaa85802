package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javafx.collections.ListChangeListener;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.sample.SampleDataSource;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.Await;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.SampleArchives;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.shell.JobRow;
import studio.catdog.ui.shell.JobsViewModel;

/**
 * File › Get sample data set… in the real window, against a generated Cats-vs-Dogs archive served on the loopback
 * address ({@code catdog.sample.data.url}): it asks first, then for a folder, runs the download as a job listed in
 * the status bar's jobs (so it can be cancelled there), and opens the new data set; declined, it does nothing.
 */
@ExtendWith(ApplicationExtension.class)
class SampleDataUiTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String NAME = "kagglecatsanddogs_5340.zip";

    @TempDir
    static Path tmp;

    static ModelService service;
    static FakeFileServer server;
    static PropertyOverride offline;

    private FakeDialogService dialogs;
    private AppWindow window;

    @BeforeAll
    static void setUpAll() throws IOException {
        byte[] archive = new SampleArchives()
                .photos("Cat", 0, 9, 1)
                .photos("Dog", 0, 9, 2)
                .entry("PetImages/Cat/666.jpg", new byte[0])
                .entry("PetImages/Dog/Thumbs.db", SampleArchives.noise(2000, 6))
                .build();
        server = new FakeFileServer().serve(NAME, archive);
        System.setProperty(SampleDataSource.URL_PROPERTY, server.url(NAME).toString());
        // Surefire runs DJL offline, which switches downloads off; this test downloads from loopback only.
        offline = PropertyOverride.set("ai.djl.offline", "false");
        service = TestServices.service(tmp.resolve("home"));
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
        server.close();
        System.clearProperty(SampleDataSource.URL_PROPERTY);
        offline.close();
    }

    @Start
    void start(Stage stage) {
        dialogs = new FakeDialogService();
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings-" + System.nanoTime() + ".properties"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        window.close();
    }

    private void fireGetSampleData(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup("#menuBar").query();
        MenuItem item = AppWindow.onFx(() -> bar.getMenus().stream()
                .flatMap(m -> m.getItems().stream())
                .filter(i -> "sampleDataItem".equals(i.getId()))
                .findFirst()
                .orElseThrow());
        assertThat(AppWindow.onFx(item::getText)).isEqualTo("_Get sample data set…");
        window.onFx(item::fire);
    }

    @Test
    void getSampleDataSetDownloadsAsAJobAndOpensTheNewDataSet(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("new-empty-folder"));
        dialogs.directory = folder;
        JobsViewModel jobs = window.ui().jobsViewModel();
        boolean[] listed = {false};
        window.onFx(() -> jobs.rows().addListener((ListChangeListener<JobRow>) c -> {
            if (jobs.rows().stream().anyMatch(r -> r.title().equals("Getting the sample data set"))) {
                listed[0] = true;
            }
        }));

        // The download waits for the test, so the job is seen while it runs however fast the loopback is (the
        // jobs list is refreshed coalesced, and a job that ends within one refresh would never be listed).
        CountDownLatch gate = new CountDownLatch(1);
        server.holdUntil(NAME, gate);

        fireGetSampleData(robot);

        assertThat(dialogs.lastConfirmation)
                .as("it says what it downloads before asking for a folder")
                .contains("825 MB")
                .contains("3,000 photos per class");
        Await.until("the download to be listed in the status bar's jobs", LIMIT, () -> AppWindow.onFx(() -> listed[0]));
        gate.countDown();
        Await.until(
                "the new data set to open",
                LIMIT,
                () -> AppWindow.onFx(() -> {
                    Dataset d = window.ui().session().datasetProperty().get();
                    return d != null && d.root().equals(folder.toAbsolutePath().normalize());
                }));
        window.awaitIdle("getting the sample data set", LIMIT);
        Dataset d = AppWindow.onFx(() -> window.ui().session().datasetProperty().get());
        assertThat(d.classes()).containsExactly("cats", "dogs");
        assertThat(d.samples()).hasSize(18);
        assertThat(folder.resolve("training_set/cats")).isDirectory();
        assertThat(listed[0])
                .as("the download was listed in the status bar's jobs, with its cancel")
                .isTrue();
        TabPane tabs = robot.lookup("#tabs").query();
        assertThat(AppWindow.onFx(
                        () -> tabs.getSelectionModel().getSelectedItem().getText()))
                .isEqualTo("Data set");
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void declinedItDownloadsNothing(FxRobot robot) throws Exception {
        dialogs.confirmAnswer = false;
        dialogs.directory = Files.createDirectories(tmp.resolve("never-used"));
        int before = server.requests().size();

        fireGetSampleData(robot);
        window.awaitIdle("declining", LIMIT);

        assertThat(server.requests()).hasSize(before);
        assertThat(dialogs.directory).isEmptyDirectory();
        assertThat(window.takeProblems()).isEmpty();
    }

    @Test
    void aFolderHoldingTheUsersFilesIsRefusedWithAClearMessageAndLeftAsItIs(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("my-photos"));
        Files.writeString(folder.resolve("holiday.txt"), "mine");
        dialogs.directory = folder;

        fireGetSampleData(robot);
        window.awaitIdle("refusing the folder", LIMIT);

        assertThat(window.takeProblems())
                .singleElement()
                .asString()
                .contains("Getting the sample data set into " + folder)
                .contains("is not empty");
        assertThat(Files.list(folder).toList()).containsExactly(folder.resolve("holiday.txt"));
    }
}

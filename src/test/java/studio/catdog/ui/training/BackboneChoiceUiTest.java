package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;
import studio.catdog.ui.CatdogApp;
import studio.catdog.ui.FakeDialogService;
import studio.catdog.ui.UiAssembly;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.FxTaskExecutor;
import studio.catdog.ui.pages.AppPage;

/**
 * The training pane's backbone list in a real window (TestFX + Monocle): choosing a row, Download and
 * "Use a file I downloaded…" pressed as a user would, against a loopback server.
 */
@ExtendWith(ApplicationExtension.class)
class BackboneChoiceUiTest {

    @TempDir
    static Path tmp;

    static FakeFileServer server;
    static ModelService service;

    private FxTaskExecutor executor;
    private UiAssembly ui;
    private final FakeDialogService dialogs = new FakeDialogService();

    @BeforeAll
    static void setUpAll() throws Exception {
        byte[] onnx = Files.readAllBytes(TinyOnnx.write(tmp.resolve("tiny.onnx"), 3));
        server = new FakeFileServer().serve("resnet50-v1-12.onnx", onnx);
        PinnedModel fp32 = TestServices.pinnedOnnx(
                ModelSources.RESNET50_ONNX, "resnet50-v1-12.onnx", server.url("resnet50-v1-12.onnx"), onnx);
        PinnedModel int8 = TestServices.pinnedOnnx(
                ModelSources.RESNET50_ONNX_INT8,
                "resnet50-v1-12-int8.onnx",
                server.url("resnet50-v1-12-int8.onnx"),
                FakeFileServer.bytes(5000, 8));
        service = TestServices.service(
                tmp.resolve("home"), TestServices.store(tmp.resolve("home/backbones"), fp32, int8));
    }

    @AfterAll
    static void tearDownAll() {
        service.close();
        server.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        executor = new FxTaskExecutor();
        ui = new UiAssembly(
                service,
                executor,
                AppSettings.load(tmp.resolve("settings-" + System.nanoTime() + ".properties")),
                dialogs);
        Scene scene = new Scene(ui.createMainView(), 1024, 700);
        CatdogApp.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        ui.close();
        executor.close();
    }

    private static String details(ListView<BackboneRow> list, String id) {
        return list.getItems().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow()
                .details();
    }

    /** The list's cell showing a backbone (cells are reused and reordered, so never by position). */
    private static Node row(String id) {
        return new FxRobot()
                .lookup(n -> n instanceof ListCell<?> c
                        && c.isVisible()
                        && c.getItem() instanceof BackboneRow r
                        && r.id().equals(id))
                .query();
    }

    @Test
    void choosingARowThenDownloadAndUseAFileIDownloaded(FxRobot robot) throws Exception {
        AppPage app = new AppPage(robot);
        app.openTab("Training");
        ListView<BackboneRow> list = app.node("backboneList");
        app.waitFor(10, () -> list.getItems().size() == 2);
        assertThat(robot.lookup("#trainButton").queryButton().isVisible()).isTrue();

        // Nothing is downloaded at first, so the built-in backbone is chosen (issue 20) and the list waits.
        assertThat(ui.trainingViewModel().backboneProperty().get()).isEqualTo("builtin");
        robot.clickOn("#zooBackbone");
        robot.clickOn(row("resnet50-onnx"));
        assertThat(ui.trainingViewModel().backboneProperty().get())
                .isIn("resnet50", "resnet50-onnx", "resnet50-onnx-int8");
        robot.clickOn("#downloadBackbone");
        app.waitFor(30, () -> details(list, "resnet50-onnx").endsWith("· downloaded"));
        assertThat(ui.trainingViewModel().backboneProperty().get()).isEqualTo("resnet50-onnx");
        assertThat(robot.lookup("#backboneActions").query().isVisible())
                .as("nothing left to fetch")
                .isFalse();

        // The offer above the list went away when a ResNet50 came in, and the list moved up under the robot's
        // pointer; the row is selected as the keyboard would (the same selection the click makes).
        robot.interact(() -> list.getSelectionModel()
                .select(list.getItems().stream()
                        .filter(r -> r.id().equals("resnet50-onnx-int8"))
                        .findFirst()
                        .orElseThrow()));
        assertThat(ui.trainingViewModel().backboneProperty().get()).isEqualTo("resnet50-onnx-int8");
        dialogs.files = List.of(Files.write(tmp.resolve("int8-from-a-usb-stick.onnx"), FakeFileServer.bytes(5000, 8)));
        robot.clickOn("#useBackboneFile");
        app.waitFor(30, () -> details(list, "resnet50-onnx-int8").endsWith("· downloaded"));
        assertThat(server.requests()).noneMatch(r -> r.contains("int8"));
        assertThat(ui.trainingViewModel().backboneProperty().get()).isEqualTo("resnet50-onnx-int8");
    }
}

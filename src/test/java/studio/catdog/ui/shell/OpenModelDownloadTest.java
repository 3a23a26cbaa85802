package studio.catdog.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

/**
 * Opening a model whose pinned backbone is not on this computer offers to download exactly that one,
 * through the job system, and then opens the model; declined, it only says what is missing.
 */
class OpenModelDownloadTest {

    @TempDir
    Path tmp;

    @Test
    void theMissingBackboneIsNamedOfferedDownloadedAsAJobAndTheModelOpens() throws Exception {
        byte[] onnx = Files.readAllBytes(TinyOnnx.write(tmp.resolve("tiny.onnx"), 3));
        try (FakeFileServer server = new FakeFileServer().serve("resnet50-v1-12.onnx", onnx)) {
            PinnedModel fp32 = TestServices.pinnedOnnx(
                    ModelSources.RESNET50_ONNX, "resnet50-v1-12.onnx", server.url("resnet50-v1-12.onnx"), onnx);
            Path model = tmp.resolve("model");
            try (ModelService trainer =
                    TestServices.service(tmp.resolve("a"), TestServices.store(tmp.resolve("a/bb"), fp32))) {
                var data = trainer.openDataset(TestImages.splitDataset(tmp.resolve("data"), 8, 2, 4))
                        .join();
                trainer.train(
                                data,
                                BackboneSpec.pinned("resnet50-onnx"),
                                TrainingSettings.defaults().withEpochs(1),
                                TrainingObserver.NONE)
                        .join();
                trainer.save(model).join();
            }
            try (ModelService service =
                    TestServices.service(tmp.resolve("b"), TestServices.store(tmp.resolve("b/bb"), fp32))) {
                Session session = new Session();
                CurrentThreadTaskExecutor ex = new CurrentThreadTaskExecutor();
                AppSettings settings = AppSettings.load(tmp.resolve("settings.properties"));
                MainViewModel vm = new MainViewModel(
                        service,
                        session,
                        settings,
                        ex,
                        new BrowserViewModel(service, session, settings, ex),
                        new JobsViewModel(service.jobs(), ex));
                List<JobKind> kinds = new ArrayList<>();
                service.jobs().addListener(j -> kinds.add(j.kind()));
                List<String> asked = new ArrayList<>();
                int before = server.requests().size();

                assertThat(vm.openModel(model, (title, message) -> asked.add(message) && false)
                                .get(30, TimeUnit.SECONDS))
                        .isNull();
                assertThat(asked)
                        .singleElement()
                        .asString()
                        .contains("resnet50-onnx")
                        .contains("Download it now?");
                assertThat(session.errorProperty().get()).contains("needs the backbone resnet50-onnx");
                assertThat(server.requests()).hasSize(before);

                session.clearError();
                var opened = vm.openModel(model, (title, message) -> true).get(30, TimeUnit.SECONDS);

                assertThat(opened).isNotNull();
                assertThat(opened.backbone().kind()).isEqualTo("resnet50-onnx");
                assertThat(kinds).contains(JobKind.DOWNLOAD, JobKind.LOAD);
                assertThat(session.modelProperty().get()).isNotNull();
                assertThat(session.errorProperty().get()).isNull();
            }
        }
    }
}

package studio.catdog.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.AppPaths;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

/**
 * Issue 10, defect 6 in the app: nothing is downloaded without the user's action. The status bar's
 * probe offers the GPU library; only a confirmed "Use the GPU…" starts a download job.
 */
class GpuConsentTest {

    @TempDir
    Path home;

    private MainViewModel mainVm(ModelService service, Session session) {
        CurrentThreadTaskExecutor ex = new CurrentThreadTaskExecutor();
        AppSettings settings = AppSettings.load(home.resolve("settings.properties"));
        return new MainViewModel(
                service,
                session,
                settings,
                ex,
                new BrowserViewModel(service, session, settings, ex),
                new JobsViewModel(service.jobs(), ex));
    }

    private ModelService service(int pretendGpus) {
        Engines engines = new Engines(pretendGpus);
        return new ModelService(
                engines,
                new BackboneFactory(engines),
                new AppPaths(home.resolve("data"), home.resolve("cache")),
                new FeatureExtractor(8, 1),
                new DatasetScanner(0.2, 42, home.resolve("scans")));
    }

    @Test
    void startingTheAppProbesTheDeviceWithoutStartingAnEngineOrDownloading() {
        try (ModelService service = service(0)) {
            Session session = new Session();
            MainViewModel vm = mainVm(service, session);
            boolean startedBefore = Engines.engineStarted(); // once per JVM: other tests may have started it
            vm.start();
            assertThat(session.deviceProperty().get()).startsWith("CPU");
            assertThat(vm.gpuOfferedProperty().get()).isFalse();
            assertThat(Engines.engineStarted())
                    .as("a status probe never starts PyTorch")
                    .isEqualTo(startedBefore);
            assertThat(service.jobs().active()).isEmpty();
        }
    }

    @Test
    void aFoundGpuIsOfferedAndNamedButNothingDownloadsUntilTheUserConfirms() {
        // The tests run with DJL offline; an offer is only made online. The user declines, so no
        // connection is ever opened.
        try (PropertyOverride offline = PropertyOverride.set("ai.djl.offline", "false");
                ModelService service = service(1)) {
            Session session = new Session();
            MainViewModel vm = mainVm(service, session);
            vm.start();
            Assumptions.assumeFalse(
                    service.deviceStatus().cudaLibraryCached(),
                    "a CUDA libtorch is already in DJL's cache here: nothing to offer");
            assertThat(vm.gpuOfferedProperty().get()).isTrue();
            assertThat(session.deviceProperty().get()).contains("GPU").contains("CPU");

            AtomicInteger asked = new AtomicInteger();
            vm.useGpu((title, message) -> {
                asked.incrementAndGet();
                assertThat(message).contains("GB").contains("CPU");
                return false;
            });
            assertThat(asked).hasValue(1);
            assertThat(service.jobs().active()).as("declined: no download job").isEmpty();
            assertThat(session.errorProperty().get()).isNull();
        }
    }

    @Test
    void withoutAGpuTheUserIsNeverAsked() {
        try (ModelService service = service(0)) {
            MainViewModel vm = mainVm(service, new Session());
            vm.start();
            AtomicInteger asked = new AtomicInteger();
            vm.useGpu((title, message) -> asked.incrementAndGet() > 0);
            assertThat(asked).hasValue(0);
            assertThat(service.jobs().active()).isEmpty();
        }
    }
}

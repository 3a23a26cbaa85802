package studio.catdog.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import studio.catdog.core.ProcessMemory;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.Await;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.FxTaskExecutor;

/**
 * Not a test: a benchmark for BENCHMARKS.md. Opens a data set folder in the real browser (headless
 * JavaFX), scrolls the thumbnail grid from top to bottom at about 30 rows a second, and prints peak
 * heap and RSS. Run as a plain Java program with the test class path:
 * {@code java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" -Dglass.platform=Monocle
 * -Dmonocle.platform=Headless -Dprism.order=sw studio.catdog.ui.ThumbnailMemoryHarness DIR}.
 */
public final class ThumbnailMemoryHarness {

    private ThumbnailMemoryHarness() {}

    /**
     * Runs the measurement.
     *
     * @param args the data set folder
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Path home = Files.createTempDirectory("catdog-harness");
        System.setProperty("catdog.home", home.toString());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<UiAssembly> ui = new AtomicReference<>();
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        ModelService service = ModelService.createDefault();
        FxTaskExecutor executor = new FxTaskExecutor();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            UiAssembly assembly = new UiAssembly(
                    service, executor, AppSettings.load(home.resolve("settings.properties")), new FakeDialogService());
            ui.set(assembly);
            Stage stage = new Stage();
            Scene scene = new Scene(assembly.createMainView(), 1180, 780);
            CatdogApp.style(scene);
            sceneRef.set(scene);
            stage.setScene(scene);
            stage.show();
            assembly.mainView().handleDrop(List.of(folder));
            shown.countDown();
        });
        shown.await();
        long start = System.nanoTime();
        Await.until(
                "the data set's thumbnails in the grid",
                Duration.ofMinutes(30),
                () -> onFx(() -> {
                    GridView<?> g = (GridView<?>) sceneRef.get().getRoot().lookup("#grid");
                    return g != null && !g.getItems().isEmpty();
                }));
        GridView<?> grid = onFx(() -> (GridView<?>) sceneRef.get().getRoot().lookup("#grid"));
        Thread.sleep(1000);
        final GridView<?> g = grid;
        ScrollBar bar = onFx(() -> g.lookupAll(".scroll-bar").stream()
                .map(n -> (ScrollBar) n)
                .filter(s -> s.getOrientation() == Orientation.VERTICAL)
                .findFirst()
                .orElseThrow());
        int items = onFx(() -> g.getItems().size());
        double max = onFx(bar::getMax);
        int steps = 600;
        long peakRss = 0;
        for (int i = 0; i <= steps; i++) {
            double value = max * i / steps;
            Platform.runLater(() -> bar.setValue(value));
            Thread.sleep(33);
            peakRss = Math.max(peakRss, ProcessMemory.currentRssMb());
        }
        Thread.sleep(2000);
        System.out.printf(
                Locale.ROOT,
                "{\"images\":%d,\"scrollSeconds\":%.1f,\"peakHeapMb\":%d,\"peakRssMb\":%d,\"maxHeapMb\":%d}%n",
                items,
                (System.nanoTime() - start) / 1e9,
                ProcessMemory.peakHeapMb(),
                ProcessMemory.peakRssMb(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Platform.runLater(() -> ui.get().close());
        executor.close();
        service.close();
        Platform.exit();
        System.exit(0);
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(task);
        Platform.runLater(f);
        return f.get();
    }
}

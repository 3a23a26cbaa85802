package studio.catdog.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.ui.common.FxGapMonitor;

/**
 * A hidden demo mode ({@code --screenshot-demo --data=DIR --backbone=FILE --out=DIR [--epochs=N]})
 * that drives the real window through every workspace with a real training run, writes a PNG of
 * each, measures the longest UI-thread stall during training, and quits. It reproduces the
 * screenshots in {@code docs/}.
 */
final class ScreenshotTour {

    private static final Logger log = LoggerFactory.getLogger(ScreenshotTour.class);

    private final UiAssembly ui;
    private final Stage stage;
    private final Path data;
    private final String backbone;
    private final Path out;
    private final String epochs;

    ScreenshotTour(UiAssembly ui, Stage stage, List<String> args) {
        this.ui = ui;
        this.stage = stage;
        this.data = Path.of(arg(args, "--data", "../shared/data/cats-and-dogs")).toAbsolutePath().normalize();
        this.backbone = arg(args, "--backbone", "../shared/models/mobilenetv2-12-int8.onnx");
        this.out = Path.of(arg(args, "--out", "docs"));
        this.epochs = arg(args, "--epochs", "15");
    }

    private static String arg(List<String> args, String name, String fallback) {
        return args.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
                .findFirst().orElse(fallback);
    }

    void start() {
        var tabs = ui.mainView().tabs();
        ui.browserViewModel().open(data).thenRun(() -> after(2500, () -> {
            shoot("screenshot-browser.png");
            tabs.getSelectionModel().select(1);
            ui.trainingViewModel().backboneProperty().set(Path.of(backbone).toAbsolutePath().normalize().toString());
            ui.trainingViewModel().epochsProperty().set(epochs);
            FxGapMonitor monitor = new FxGapMonitor(() -> ui.trainingViewModel().phaseProperty().get());
            monitor.start();
            long t0 = System.nanoTime();
            ui.trainingViewModel().train().thenAccept(outcome -> {
                monitor.stop();
                String gap = String.format(Locale.ROOT,
                        "FX thread during training: max gap %.1f ms (ending in phase '%s') over %d frames in %.1f s (%d coalesced UI updates)",
                        monitor.maxGapMillis(), monitor.maxGapContext(), monitor.frames(), (System.nanoTime() - t0) / 1e9,
                        ui.trainingViewModel().uiUpdates());
                log.info(gap);
                System.out.println(gap);
                after(800, this::prediction);
            });
        }));
    }

    private void prediction() {
        shoot("screenshot-training.png");
        ui.mainView().tabs().getSelectionModel().select(2);
        List<Path> images = new ArrayList<>();
        for (String cls : List.of("cats", "dogs")) {
            try (Stream<Path> s = Files.list(data.resolve("test_set").resolve(cls))) {
                s.sorted().skip(7).limit(4).forEach(images::add);
            } catch (IOException e) {
                log.warn("cannot list {}", cls, e);
            }
        }
        ui.predictionViewModel().predictFiles(images).thenRun(() -> after(1500, () -> {
            shoot("screenshot-prediction.png");
            ui.mainView().tabs().getSelectionModel().select(3);
            var report = ui.session().evaluationProperty().get();
            if (report != null && report.classes().size() > 1) {
                ui.mistakesViewModel().toggleCell(new studio.catdog.ui.mistakes.MistakesViewModel.Cell(0, 1));
                ui.mistakesViewModel().toggleCell(new studio.catdog.ui.mistakes.MistakesViewModel.Cell(0, 1));
            }
            after(2500, () -> {
                shoot("screenshot-mistakes.png");
                Platform.exit();
            });
        }));
    }

    private static void after(long millis, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.millis(millis));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    private void shoot(String name) {
        WritableImage img = stage.getScene().snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, w, h, argb, 0, w);
        try {
            Files.createDirectories(out);
            ImageIO.write(bi, "png", out.resolve(name).toFile());
            log.info("wrote {}", out.resolve(name));
        } catch (IOException e) {
            log.error("cannot write {}", name, e);
        }
    }
}

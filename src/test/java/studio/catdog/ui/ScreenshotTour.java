package studio.catdog.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.chart.LineChart;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.NativeMemoryTuning;
import studio.catdog.core.backbone.NativeThreadTuning;
import studio.catdog.ui.common.FxGapMonitor;
import studio.catdog.ui.mistakes.ConfusionCell;
import studio.catdog.ui.prediction.PredictionViewModel;

/**
 * A demo ({@code --data=DIR [--backbone=builtin|FILE] --out=DIR [--epochs=N] [--only=audit]}) that drives the
 * real window through every workspace with a real training run, writes a PNG of each, measures the longest
 * UI-thread stall during training, and quits. It reproduces the screenshots in {@code docs/}: run by
 * {@code docs/take-screenshots.sh}, from the test classes so that it is not shipped. With
 * {@code --only=audit} it audits the data set instead (Data set workspace), moves the suspect named by
 * {@code --move=RELATIVE/PATH} (one looked at and known to be a real or planted error; none by default) to its
 * suggested class (so run it on a copy: {@code docs/take-audit-screenshots.sh}), prints the
 * findings and writes {@code audit-label-errors.png} and {@code audit-duplicates.png}.
 */
public final class ScreenshotTour {

    private static final Logger log = LoggerFactory.getLogger(ScreenshotTour.class);

    /** The desktop app, with the tour started once its window is shown. */
    public static final class App extends CatdogApp {
        @Override
        void shown(UiAssembly ui, Stage stage) {
            new ScreenshotTour(ui, stage, getParameters().getRaw()).start();
        }
    }

    /**
     * Starts the app with the tour, with the native settings the real launcher applies first.
     *
     * @param args the tour's options
     */
    public static void main(String[] args) {
        NativeMemoryTuning.apply();
        NativeThreadTuning.apply();
        Application.launch(App.class, args);
    }

    private final UiAssembly ui;
    private final Stage stage;
    private final Path data;
    private final String backbone;
    private final Path out;
    private final String epochs;
    private final String only;
    private final String move;

    ScreenshotTour(UiAssembly ui, Stage stage, List<String> args) {
        this.ui = ui;
        this.stage = stage;
        this.data = Path.of(arg(args, "--data", "../shared/data/cats-and-dogs"))
                .toAbsolutePath()
                .normalize();
        this.backbone = arg(args, "--backbone", BackboneSpec.BUILTIN);
        this.out = Path.of(arg(args, "--out", "docs"));
        this.epochs = arg(args, "--epochs", "15");
        this.only = arg(args, "--only", "all");
        this.move = arg(args, "--move", "");
    }

    private static String arg(List<String> args, String name, String fallback) {
        return args.stream()
                .filter(a -> a.startsWith(name + "="))
                .map(a -> a.substring(name.length() + 1))
                .findFirst()
                .orElse(fallback);
    }

    void start() {
        if ("audit".equals(only)) {
            audit();
            return;
        }
        var tabs = ui.mainView().tabs();
        ui.browserViewModel()
                .open(data)
                .thenRun(() -> after(2500, () -> {
                    shoot("screenshot-browser.png");
                    tabs.getSelectionModel().select(1);
                    ui.trainingViewModel()
                            .backboneProperty()
                            .set(
                                    BackboneSpec.BUILTIN.equals(backbone) || BackboneSpec.RESNET50.equals(backbone)
                                            ? backbone
                                            : Path.of(backbone)
                                                    .toAbsolutePath()
                                                    .normalize()
                                                    .toString());
                    ui.trainingViewModel().epochsProperty().set(epochs);
                    FxGapMonitor monitor = new FxGapMonitor(
                            () -> stage(ui.trainingViewModel().phaseProperty().get()));
                    monitor.start();
                    long t0 = System.nanoTime();
                    ui.trainingViewModel().train().thenAccept(outcome -> {
                        monitor.stop();
                        String gap = String.format(
                                Locale.ROOT,
                                "FX thread during the run: max gap %.1f ms (ending in phase '%s'), %.1f ms while "
                                        + "training epochs, "
                                        + "over %d frames in %.1f s (%d coalesced UI updates); training %.1f s, "
                                        + "features %.1f s, %d batch-loss points drawn",
                                monitor.maxGapMillis(),
                                monitor.maxGapContext(),
                                monitor.maxGapMillisDuring("training"),
                                monitor.frames(),
                                (System.nanoTime() - t0) / 1e9,
                                ui.trainingViewModel().uiUpdates(),
                                outcome == null ? Double.NaN : outcome.trainSeconds(),
                                outcome == null ? Double.NaN : outcome.featureSeconds(),
                                lossPoints());
                        log.info(gap);
                        System.out.println(gap);
                        after(800, this::prediction);
                    });
                }));
    }

    /** Audits the data set, prints what it found, acts on the top suspect and shoots both tabs. */
    private void audit() {
        ui.trainingViewModel()
                .backboneProperty()
                .set(
                        BackboneSpec.BUILTIN.equals(backbone) || BackboneSpec.RESNET50.equals(backbone)
                                ? backbone
                                : Path.of(backbone).toAbsolutePath().normalize().toString());
        var audit = ui.auditViewModel();
        ui.browserViewModel()
                .open(data)
                .thenRun(() -> after(1500, () -> {
                    long t0 = System.nanoTime();
                    audit.audit().thenAccept(r -> {
                        if (r == null) {
                            System.out.println("the audit failed: "
                                    + ui.session().errorProperty().get());
                            Platform.exit();
                            return;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "audit: %.1f s in the window; %s%n",
                                (System.nanoTime() - t0) / 1e9,
                                audit.summaryProperty().get());
                        System.out.println(
                                "thresholds " + Arrays.toString(r.classThresholds()) + ", timings " + r.timings());
                        r.suspects().stream()
                                .limit(25)
                                .forEach(s -> System.out.printf(
                                        Locale.ROOT,
                                        "suspect %s %s %.3f %s: %s -> %s%n",
                                        s.tier().id(),
                                        s.split(),
                                        s.score(),
                                        data.relativize(s.file()),
                                        s.givenClass(),
                                        s.suggestedClass()));
                        r.leaks()
                                .forEach(p -> System.out.printf(
                                        Locale.ROOT,
                                        "leak cos %.4f hash %d: %s ~ %s%n",
                                        p.cosine(),
                                        p.hashDistance(),
                                        data.relativize(p.first().path()),
                                        data.relativize(p.second().path())));
                        r.groups()
                                .forEach(g -> System.out.printf(
                                        Locale.ROOT,
                                        "group %s min cos %.4f: %s%n",
                                        g.split(),
                                        g.minCosine(),
                                        g.images().stream()
                                                .map(i -> data.relativize(i.path())
                                                        .toString())
                                                .toList()));
                        after(3000, () -> {
                            shoot("audit-label-errors-untouched.png");
                            // Only an image looked at and known to be mislabelled is moved: never the top suspect
                            // blindly.
                            var first = move.isEmpty()
                                    ? null
                                    : audit.suspects().stream()
                                            .filter(x -> x.item().path().equals(data.resolve(move)))
                                            .findFirst()
                                            .orElse(null);
                            if (!move.isEmpty() && first == null) {
                                System.out.println("not a suspect, nothing moved: " + move);
                            }
                            var moved = first == null
                                    ? CompletableFuture.completedFuture(null)
                                    : audit.acceptSuggestion(first);
                            moved.thenRun(() -> after(4000, () -> {
                                shoot("audit-label-errors.png");
                                ui.mainView()
                                        .browser()
                                        .tabs()
                                        .getSelectionModel()
                                        .select(2);
                                after(3000, () -> {
                                    shoot("audit-duplicates.png");
                                    Platform.exit();
                                });
                            }));
                        });
                    });
                }));
    }

    /** Groups the phase text into stages: "training" for every epoch and batch line. */
    private static String stage(String phase) {
        return phase != null && phase.startsWith("Epoch ") ? "training" : String.valueOf(phase);
    }

    private int lossPoints() {
        LineChart<?, ?> chart = (LineChart<?, ?>) stage.getScene().lookup("#lossChart");
        return chart == null || chart.getData().isEmpty()
                ? -1
                : chart.getData().get(0).getData().size();
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
        ui.predictionViewModel()
                .predictFiles(images)
                .thenRun(() -> after(1500, () -> {
                    shoot("screenshot-prediction.png");
                    explain();
                }));
    }

    /** Asks "Why?" for the first cards, waits for the heat layers, and shoots them. */
    private void explain() {
        var items = ui.predictionViewModel().items();
        List<PredictionViewModel.Item> chosen = new ArrayList<>();
        for (int i = 0; i < items.size() && chosen.size() < 4; i += 2) {
            chosen.add(items.get(i));
        }
        chosen.forEach(item -> item.showExplanationProperty().set(true));
        waitUntil(
                () -> chosen.stream()
                        .allMatch(i -> i.explanationProperty().get() != null
                                || i.explainErrorProperty().get() != null),
                120_000,
                () -> after(1500, () -> {
                    shoot("screenshot-explain.png");
                    mistakes();
                }));
    }

    private void mistakes() {
        ui.mainView().tabs().getSelectionModel().select(3);
        var report = ui.session().evaluationProperty().get();
        if (report != null && report.classes().size() > 1) {
            ui.mistakesViewModel().toggleCell(new ConfusionCell(0, 1));
            ui.mistakesViewModel().toggleCell(new ConfusionCell(0, 1));
        }
        after(2500, () -> {
            shoot("screenshot-mistakes.png");
            ui.mainView().tabs().getSelectionModel().select(4);
            ui.calibrationViewModel().thresholdProperty().set(0.5);
            after(1500, () -> {
                shoot("screenshot-calibration.png");
                Platform.exit();
            });
        });
    }

    private static void waitUntil(BooleanSupplier condition, long limitMillis, Runnable then) {
        long deadline = System.currentTimeMillis() + limitMillis;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (condition.getAsBoolean() || System.currentTimeMillis() > deadline) {
                then.run();
            } else {
                after(250, poll[0]);
            }
        };
        poll[0].run();
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

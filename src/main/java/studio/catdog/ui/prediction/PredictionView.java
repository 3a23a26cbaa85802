package studio.catdog.ui.prediction;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.Drop;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TaskExecutor;

/** The prediction workspace: binds {@link PredictionViewModel} to PredictionView.fxml. */
public final class PredictionView {

    private final PredictionViewModel vm;
    private final DialogService dialogs;
    private final TaskExecutor executor;
    private final Map<PredictionViewModel.Item, Node> cards = new IdentityHashMap<>();

    @FXML
    private StackPane dropArea;

    @FXML
    private FlowPane cardPane;

    @FXML
    private Label emptyLabel;

    @FXML
    private Label messageLabel;

    @FXML
    private Label refusalLabel;

    @FXML
    private Slider thresholdSlider;

    @FXML
    private Label thresholdLabel;

    @FXML
    private Label noveltyCaption;

    @FXML
    private Slider noveltySlider;

    @FXML
    private Label noveltyLabel;

    @FXML
    private Button resetNoveltyButton;

    @FXML
    private Button predictFolderButton;

    @FXML
    private HBox folderBar;

    @FXML
    private ProgressBar folderProgress;

    @FXML
    private Label folderStatus;

    @FXML
    private Button cancelFolderButton;

    @FXML
    private Button exportCsvButton;

    @FXML
    private Label folderSummary;

    /**
     * @param vm the ViewModel
     * @param dialogs the file chooser
     * @param executor moves clipboard encoding off the UI thread
     */
    public PredictionView(PredictionViewModel vm, DialogService dialogs, TaskExecutor executor) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.executor = executor;
    }

    @FXML
    private void initialize() {
        vm.items().addListener((ListChangeListener<PredictionViewModel.Item>) c -> rebuild());
        emptyLabel.textProperty().bind(vm.messageProperty());
        emptyLabel.visibleProperty().bind(Bindings.isEmpty(vm.items()));
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.items()));
        refusalLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.refusals().isEmpty()
                                ? ""
                                : Messages.get(
                                        "prediction.notClassified",
                                        String.join(
                                                "; ",
                                                vm.refusals().stream()
                                                        .map(DropRefusal::describe)
                                                        .toList())),
                        vm.refusals()));
        refusalLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.refusals()));
        refusalLabel.managedProperty().bind(refusalLabel.visibleProperty());
        thresholdSlider.valueProperty().bindBidirectional(vm.thresholdProperty());
        thresholdLabel
                .textProperty()
                .bind(vm.thresholdProperty().map(v -> String.format(Locale.ROOT, "%.0f %%", v.doubleValue() * 100)));
        bindNovelty();
        bindFolder();
        dropArea.setOnDragOver(this::dragOver);
        dropArea.setOnDragDropped(this::dropped);
    }

    private void bindNovelty() {
        BooleanBinding noDetector = Bindings.createBooleanBinding(
                () -> Double.isNaN(vm.modelNoveltyThresholdProperty().get()), vm.modelNoveltyThresholdProperty());
        noveltySlider.disableProperty().bind(noDetector);
        resetNoveltyButton.disableProperty().bind(noDetector);
        noveltyCaption.disableProperty().bind(noDetector);
        vm.noveltyThresholdProperty().addListener((o, a, v) -> {
            if (!Double.isNaN(v.doubleValue())) {
                noveltySlider.setValue(v.doubleValue());
            }
        });
        noveltySlider.valueProperty().addListener((o, a, v) -> {
            if (!noveltySlider.isDisabled()
                    && Math.abs(v.doubleValue() - vm.noveltyThresholdProperty().get()) > 1e-9) {
                vm.noveltyThresholdProperty().set(v.doubleValue());
            }
        });
        if (!Double.isNaN(vm.noveltyThresholdProperty().get())) {
            noveltySlider.setValue(vm.noveltyThresholdProperty().get());
        }
        noveltyLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Double.isNaN(vm.noveltyThresholdProperty().get())
                                ? "–"
                                : Formats.decimal(vm.noveltyThresholdProperty().get(), 2),
                        vm.noveltyThresholdProperty()));
        Tooltip tip = new Tooltip();
        tip.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Double.isNaN(vm.modelNoveltyThresholdProperty().get())
                                ? Messages.get("prediction.noDetector")
                                : Messages.get(
                                        "prediction.noveltyTooltip",
                                        Formats.decimal(
                                                vm.modelNoveltyThresholdProperty()
                                                        .get(),
                                                2)),
                        vm.modelNoveltyThresholdProperty()));
        noveltySlider.setTooltip(tip);
        noveltyCaption.setTooltip(tip);
        resetNoveltyButton.setTooltip(new Tooltip(Messages.get("prediction.resetNovelty")));
    }

    private void bindFolder() {
        FolderPrediction f = vm.folder();
        folderBar
                .visibleProperty()
                .bind(f.runningProperty().or(f.statusProperty().isNotEmpty()));
        folderBar.managedProperty().bind(folderBar.visibleProperty());
        folderProgress.progressProperty().bind(f.progressProperty());
        folderProgress.visibleProperty().bind(f.runningProperty());
        folderProgress.managedProperty().bind(f.runningProperty());
        folderStatus.textProperty().bind(f.statusProperty());
        cancelFolderButton.visibleProperty().bind(f.runningProperty());
        cancelFolderButton.managedProperty().bind(f.runningProperty());
        exportCsvButton
                .disableProperty()
                .bind(f.runningProperty().or(f.resultCountProperty().isEqualTo(0)));
        predictFolderButton.disableProperty().bind(f.runningProperty());
        folderSummary.textProperty().bind(f.summaryProperty());
        folderSummary.visibleProperty().bind(f.summaryProperty().isNotEmpty());
        folderSummary.managedProperty().bind(folderSummary.visibleProperty());
    }

    private void rebuild() {
        cards.keySet().retainAll(new HashSet<>(vm.items()));
        List<Node> nodes = vm.items().stream()
                .map(i -> cards.computeIfAbsent(i, k -> new PredictionCard(k, vm, executor)))
                .toList();
        cardPane.getChildren().setAll(nodes);
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            predict(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /**
     * Classifies files (also the entry point for drops that reach the window elsewhere).
     *
     * @param files the files
     */
    public void predict(List<Path> files) {
        Drop drop = Drop.of(files);
        if (drop.isFolder()) {
            vm.folder().start(drop.folder());
        } else {
            vm.predictFiles(drop.files());
        }
    }

    /** Asks for a folder and classifies every image under it. */
    @FXML
    public void predictFolder() {
        dialogs.chooseDirectory(Messages.get("prediction.folderTitle"), null)
                .ifPresent(d -> vm.folder().start(d));
    }

    @FXML
    private void cancelFolder() {
        vm.folder().cancel();
    }

    @FXML
    private void exportCsv() {
        dialogs.saveFile(
                        Messages.get("prediction.csvTitle"),
                        "predictions.csv",
                        Messages.get("prediction.csvKind"),
                        List.of("csv"))
                .ifPresent(p -> vm.folder().exportCsv(p));
    }

    @FXML
    private void resetNovelty() {
        vm.resetNoveltyThreshold();
    }

    /** Asks for image files and classifies them. */
    @FXML
    public void openImages() {
        List<Path> files = dialogs.chooseFiles(
                Messages.get("prediction.openTitle"), Messages.get("prediction.imagesKind"), ImageFiles.EXTENSIONS);
        if (!files.isEmpty()) {
            predict(files);
        }
    }

    /** Classifies the clipboard's image or image files. */
    @FXML
    public void paste() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles()) {
            predict(cb.getFiles().stream().map(File::toPath).toList());
        } else if (cb.hasImage() && cb.getImage() != null) {
            Image img = cb.getImage();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            PixelReader r = img.getPixelReader();
            if (r == null || w == 0 || h == 0) {
                vm.pasteFailed();
                return;
            }
            r.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            executor.runInBackground(() -> {
                BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                bi.setRGB(0, 0, w, h, argb, 0, w);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    ImageIO.write(bi, "png", out);
                    byte[] png = out.toByteArray();
                    executor.runOnUi(() -> vm.predictBytes(png, Messages.get("prediction.pastedName")));
                } catch (IOException ex) {
                    executor.runOnUi(vm::pasteFailed);
                }
            });
        } else {
            vm.pasteFailed();
        }
    }

    /** Removes all results. */
    @FXML
    public void clear() {
        vm.clear();
    }
}

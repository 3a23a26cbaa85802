package studio.catdog.ui.prediction;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.HeatLayers;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.TaskExecutor;

/**
 * One prediction result: the image (with the "Why?" heat layer over it on request), the verdict, a
 * "looks like neither class" chip when the image is unlike the training images, and a bar per class.
 */
final class PredictionCard extends VBox {

    private static final double SIZE = 200;

    PredictionCard(PredictionViewModel.Item item, PredictionViewModel vm, TaskExecutor executor) {
        super(6);
        getStyleClass().add("prediction-card");
        setPrefWidth(SIZE + 24);
        setMaxWidth(SIZE + 24);
        ImageView view = new ImageView();
        view.setFitWidth(SIZE);
        view.setFitHeight(SIZE);
        view.setPreserveRatio(true);
        if (item.path() != null) {
            view.setImage(new Image(item.path().toUri().toString(), SIZE * 2, SIZE * 2, true, true, true));
        } else {
            byte[] bytes = item.bytes();
            executor.runInBackground(() -> {
                Image img = new Image(new ByteArrayInputStream(bytes), SIZE * 2, SIZE * 2, true, true);
                executor.runOnUi(() -> view.setImage(img));
            });
        }
        ImageView heat = HeatLayers.overlayFor(view, item.showExplanationProperty());
        heat.setId("heatOverlay");
        StackPane frame = new StackPane(view, heat);
        frame.setPrefSize(SIZE, SIZE);
        frame.getStyleClass().add("prediction-image");
        item.explanationProperty().addListener((o, a, s) -> {
            if (s != null) {
                HeatLayers.show(s, view, heat, executor);
            }
        });
        ToggleButton why = new ToggleButton(Messages.get("common.why"));
        why.setId("whyToggle");
        why.getStyleClass().addAll("small", "why-toggle");
        why.setGraphic(new FontIcon("mdal-lightbulb"));
        why.setTooltip(new Tooltip(Messages.get("prediction.whyTooltip")));
        why.selectedProperty().bindBidirectional(item.showExplanationProperty());
        why.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                vm.explain(item);
            }
        });
        why.textProperty()
                .bind(Bindings.when(item.explainingProperty())
                        .then(Messages.get("common.explaining"))
                        .otherwise(Messages.get("common.why")));
        why.setDisable(true);
        Label neither = new Label(Messages.get("prediction.neither"), new FontIcon("mdmz-warning"));
        neither.setId("neitherChip");
        neither.getStyleClass().add("neither-chip");
        neither.setVisible(false);
        neither.managedProperty().bind(neither.visibleProperty());
        Label damaged = new Label(Messages.get("prediction.damaged"), new FontIcon("mdmz-warning"));
        damaged.setId("damagedChip");
        damaged.getStyleClass().addAll("neither-chip", "danger");
        damaged.setWrapText(true);
        damaged.setMaxWidth(SIZE);
        damaged.setVisible(false);
        damaged.managedProperty().bind(damaged.visibleProperty());
        Label explainError = new Label();
        explainError.getStyleClass().addAll("text-small", "danger");
        explainError.setWrapText(true);
        explainError.setMaxWidth(SIZE);
        explainError.textProperty().bind(item.explainErrorProperty());
        explainError.visibleProperty().bind(item.explainErrorProperty().isNotNull());
        explainError.managedProperty().bind(explainError.visibleProperty());
        Label name = new Label(item.name());
        name.getStyleClass().add("text-small");
        name.setMaxWidth(SIZE);
        Label verdict = new Label("…");
        verdict.getStyleClass().addAll("title-3", "verdict");
        verdict.setId("verdict");
        VBox bars = new VBox(4);
        bars.getStyleClass().add("probability-bars");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, verdict, gap, why);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMaxWidth(SIZE);
        getChildren().addAll(frame, head, damaged, neither, explainError, name, bars);
        setAlignment(Pos.TOP_CENTER);

        Runnable show = () -> {
            Prediction p = item.predictionProperty().get();
            String error = item.errorProperty().get();
            if (error != null) {
                verdict.setText(Messages.get("prediction.cannotClassify"));
                verdict.getStyleClass().setAll("title-4", "verdict", "danger");
                Label reason = new Label(error);
                reason.setWrapText(true);
                reason.setMaxWidth(SIZE);
                reason.getStyleClass().add("danger");
                bars.getChildren().setAll(reason);
            } else if (p != null) {
                verdict.textProperty().bind(Bindings.createStringBinding(() -> vm.verdict(p), vm.thresholdProperty()));
                verdict.getStyleClass().setAll("title-3", "verdict");
                bars.getChildren().setAll(bars(p));
                why.setDisable(false);
                damaged.setVisible(p.damaged());
                if (p.damaged()) {
                    Tooltip.install(damaged, new Tooltip(Messages.get("prediction.damagedWhy", p.damage())));
                }
                neither.visibleProperty()
                        .bind(Bindings.createBooleanBinding(() -> vm.unfamiliar(p), vm.noveltyThresholdProperty()));
                if (!Double.isNaN(p.noveltyScore())) {
                    Tooltip tip = new Tooltip();
                    tip.textProperty()
                            .bind(Bindings.createStringBinding(
                                    () -> Messages.get(
                                            "prediction.neitherTooltip",
                                            Formats.decimal(p.noveltyScore(), 3),
                                            Formats.decimal(
                                                    vm.noveltyThresholdProperty()
                                                            .get(),
                                                    3),
                                            String.join(Messages.get("prediction.neitherJoiner"), p.classes())),
                                    vm.noveltyThresholdProperty()));
                    Tooltip.install(neither, tip);
                }
            }
        };
        item.predictionProperty().addListener((o, a, b) -> show.run());
        item.errorProperty().addListener((o, a, b) -> show.run());
        show.run();
    }

    private static List<HBox> bars(Prediction p) {
        float[] probs = p.probabilities();
        return IntStream.range(0, probs.length)
                .mapToObj(i -> {
                    Label cls = new Label(p.classes().get(i));
                    cls.setMinWidth(60);
                    cls.setPrefWidth(60);
                    ProgressBar bar = new ProgressBar(probs[i]);
                    bar.setMaxWidth(Double.MAX_VALUE);
                    bar.getStyleClass().add(i == p.bestIndex() ? "best" : "other");
                    HBox.setHgrow(bar, Priority.ALWAYS);
                    Label pct = new Label(String.format(Messages.locale(), "%.1f %%", probs[i] * 100));
                    pct.setMinWidth(Region.USE_PREF_SIZE);
                    pct.getStyleClass().add("probability");
                    HBox row = new HBox(6, cls, bar, pct);
                    row.setAlignment(Pos.CENTER_LEFT);
                    row.getStyleClass().add("probability-row");
                    return row;
                })
                .toList();
    }
}

package studio.catdog.ui.prediction;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.ui.common.TaskExecutor;

/** One prediction result: the image, the verdict and a bar per class. */
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
        StackPane frame = new StackPane(view);
        frame.setPrefSize(SIZE, SIZE);
        frame.getStyleClass().add("prediction-image");
        Label name = new Label(item.name());
        name.getStyleClass().add("text-small");
        name.setMaxWidth(SIZE);
        Label verdict = new Label("…");
        verdict.getStyleClass().addAll("title-3", "verdict");
        verdict.setId("verdict");
        VBox bars = new VBox(4);
        bars.getStyleClass().add("probability-bars");
        getChildren().addAll(frame, verdict, name, bars);
        setAlignment(Pos.TOP_CENTER);

        Runnable show = () -> {
            Prediction p = item.predictionProperty().get();
            String error = item.errorProperty().get();
            if (error != null) {
                verdict.setText("cannot classify");
                verdict.getStyleClass().setAll("title-4", "verdict", "danger");
                Label why = new Label(error);
                why.setWrapText(true);
                why.setMaxWidth(SIZE);
                why.getStyleClass().add("danger");
                bars.getChildren().setAll(why);
            } else if (p != null) {
                verdict.textProperty().bind(Bindings.createStringBinding(() -> vm.verdict(p), vm.thresholdProperty()));
                verdict.getStyleClass().setAll("title-3", "verdict");
                bars.getChildren().setAll(bars(p));
            }
        };
        item.predictionProperty().addListener((o, a, b) -> show.run());
        item.errorProperty().addListener((o, a, b) -> show.run());
        show.run();
    }

    private static List<HBox> bars(Prediction p) {
        float[] probs = p.probabilities();
        return java.util.stream.IntStream.range(0, probs.length).mapToObj(i -> {
            Label cls = new Label(p.classes().get(i));
            cls.setMinWidth(60);
            cls.setPrefWidth(60);
            ProgressBar bar = new ProgressBar(probs[i]);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(i == p.bestIndex() ? "best" : "other");
            HBox.setHgrow(bar, Priority.ALWAYS);
            Label pct = new Label(String.format(Locale.ROOT, "%.1f %%", probs[i] * 100));
            pct.setMinWidth(Region.USE_PREF_SIZE);
            pct.getStyleClass().add("probability");
            HBox row = new HBox(6, cls, bar, pct);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("probability-row");
            return row;
        }).toList();
    }
}

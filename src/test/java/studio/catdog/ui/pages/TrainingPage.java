package studio.catdog.ui.pages;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/** The training workspace, as a user sees it. */
public final class TrainingPage extends AppPage {

    /** @param robot the robot */
    public TrainingPage(FxRobot robot) {
        super(robot);
    }

    /**
     * Opens the tab and fills in the form.
     *
     * @param backbone the backbone text for the file field
     * @param epochs epochs
     * @param batchSize batch size
     */
    public TrainingPage configure(String backbone, int epochs, int batchSize) {
        openTab("Training");
        robot.clickOn("#fileBackbone");
        replace("backboneFile", backbone);
        replace("epochsField", Integer.toString(epochs));
        replace("batchSizeField", Integer.toString(batchSize));
        return this;
    }

    /**
     * Turns early stopping off, so that a long run lasts until it is cancelled (with it on, a quick machine ends a
     * run on the tiny data set before the test can cancel it).
     *
     * @return this page
     */
    public TrainingPage untilCancelled() {
        CheckBox earlyStopping = node("earlyStoppingCheck");
        robot.interact(() -> earlyStopping.setSelected(false));
        return this;
    }

    /** Focuses a field and replaces its text (Monocle's typing is unreliable, so the text is set). */
    private void replace(String id, String text) {
        TextField f = node(id);
        robot.clickOn(f);
        robot.interact(() -> f.setText(text));
    }

    /** Presses Train. */
    public TrainingPage train() {
        reveal("trainButton");
        robot.clickOn("#trainButton");
        return this;
    }

    /** Presses Cancel. */
    public TrainingPage cancel() {
        reveal("cancelButton");
        robot.clickOn("#cancelButton");
        return this;
    }

    /**
     * Scrolls the settings panel until a node is in view, as a user does in a window smaller than the
     * app's own (the tests use 1024x700, the app opens at 1180x780); a click lands where the node is drawn.
     */
    private void reveal(String id) {
        Node target = node(id);
        robot.interact(() -> {
            Node n = target.getParent();
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            if (!(n instanceof ScrollPane pane) || pane.getContent() == null) {
                return;
            }
            Bounds b = pane.getContent().sceneToLocal(target.localToScene(target.getBoundsInLocal()));
            double content = pane.getContent().getLayoutBounds().getHeight();
            double view = pane.getViewportBounds().getHeight();
            if (content <= view) {
                return;
            }
            double top = pane.getVvalue() * (content - view);
            if (b.getMinY() < top || b.getMaxY() > top + view) {
                pane.setVvalue(Math.max(0, Math.min(1, (b.getMaxY() + 8 - view) / (content - view))));
            }
        });
    }

    /**
     * Presses Train and waits until the model is trained and saved.
     *
     * @param seconds the limit
     * @return the folder the model was saved to
     */
    public Path trainAndWaitForTheSavedModel(int seconds) {
        train();
        waitFor(
                "the trained model to be saved",
                seconds,
                () -> text("savedLabel").startsWith("Saved to "));
        return savedTo();
    }

    /** @return the folder the last trained model was saved to, as the training workspace says */
    public Path savedTo() {
        String saved = text("savedLabel");
        if (!saved.startsWith("Saved to ")) {
            throw new AssertionError("the training workspace names no saved model; it says '" + saved + "'");
        }
        return Path.of(saved.substring("Saved to ".length()));
    }

    /** @return the result line */
    public String result() {
        return text("resultLabel");
    }

    /** @return the phase line */
    public String phase() {
        return text("phaseLabel");
    }

    /** @return the validation message */
    public String validation() {
        return text("validationLabel");
    }

    /** @return the per-batch loss chart */
    public LineChart<Number, Number> lossChart() {
        return node("lossChart");
    }

    /** @return the per-epoch chart */
    public LineChart<Number, Number> epochChart() {
        return node("epochChart");
    }
}

package studio.catdog.ui.pages;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import org.controlsfx.control.GridView;
import org.testfx.api.FxRobot;
import studio.catdog.core.evaluation.Misclassified;

/** The mistakes workspace, as a user sees it. */
public final class MistakesPage extends AppPage {

    /** @param robot the robot */
    public MistakesPage(FxRobot robot) {
        super(robot);
    }

    /** Opens the tab. */
    public MistakesPage show() {
        openTab("Mistakes");
        return this;
    }

    /**
     * Clicks a confusion-matrix cell.
     *
     * @param trueIndex row
     * @param predictedIndex column
     */
    public MistakesPage clickCell(int trueIndex, int predictedIndex) {
        robot.clickOn("#cell-" + trueIndex + "-" + predictedIndex);
        return this;
    }

    /** @return the mistakes grid */
    public GridView<Misclassified> grid() {
        return node("mistakesGrid");
    }

    /** @return the filter line */
    public String filter() {
        return text("filterLabel");
    }

    /** Presses Evaluate. */
    public MistakesPage evaluate() {
        robot.clickOn("#evaluateButton");
        return this;
    }

    /** @return what the mistakes list says when it lists none ("" when hidden) */
    public String placeholder() {
        Label l = robot.lookup("#mistakesRoot #placeholder").query();
        return l.isVisible() ? l.getText() : "";
    }

    /** @return the summary */
    public String summary() {
        return text("summaryLabel");
    }

    /** Presses "Why?" in the large image viewer. */
    public MistakesPage toggleViewerWhy() {
        robot.clickOn("#viewerWhy");
        return this;
    }

    /** @return whether the large viewer shows an explanation over its image */
    public boolean viewerHeatShown() {
        return robot.lookup("#viewerHeat")
                .tryQuery()
                .map(n -> n.isVisible() && ((ImageView) n).getImage() != null)
                .orElse(false);
    }

    /** @return whether the large viewer is open */
    public boolean viewerOpen() {
        return robot.lookup("#imageViewer").tryQuery().isPresent();
    }
}

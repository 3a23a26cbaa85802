package studio.catdog.ui.pages;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import org.testfx.api.FxRobot;
import studio.catdog.ui.shell.MainView;

/** The prediction workspace, as a user sees it. */
public final class PredictionPage extends AppPage {

    private final MainView main;

    /**
     * @param robot the robot
     * @param main the window's view, whose drop handling a drop runs
     */
    public PredictionPage(FxRobot robot, MainView main) {
        super(robot);
        this.main = main;
    }

    /**
     * Drops files on the window (runs the window's drop handling with the dropped paths; Monocle
     * cannot synthesize an OS drag).
     *
     * @param files the files
     */
    public PredictionPage drop(Path... files) {
        robot.interact(() -> main.handleDrop(List.of(files)));
        return this;
    }

    /** @return the result cards */
    public List<Node> cards() {
        return this.<FlowPane>node("cardPane").getChildren();
    }

    /**
     * @param card a card
     * @return its verdict
     */
    public String verdict(Node card) {
        return ((Label) card.lookup("#verdict")).getText();
    }

    /**
     * @param card a card
     * @return its probability labels
     */
    public List<String> probabilities(Node card) {
        return card.lookupAll(".probability").stream()
                .map(n -> ((Label) n).getText())
                .toList();
    }

    /** @return the refusal line ("" when hidden) */
    public String refusal() {
        Label l = node("refusalLabel");
        return l.isVisible() ? l.getText() : "";
    }

    /**
     * Drops files onto the prediction pane itself (runs the pane's drop handling; a single folder
     * is classified image by image).
     *
     * @param files the files or folder
     */
    public PredictionPage dropOnPane(Path... files) {
        robot.interact(() -> main.prediction().predict(List.of(files)));
        return this;
    }

    /**
     * Presses a card's "Why?" toggle.
     *
     * @param card a card
     */
    public PredictionPage toggleWhy(Node card) {
        robot.clickOn(card.lookup("#whyToggle"));
        return this;
    }

    /**
     * @param card a card
     * @return whether its heat overlay is showing an explanation
     */
    public boolean heatShown(Node card) {
        ImageView heat = (ImageView) card.lookup("#heatOverlay");
        return heat.isVisible() && heat.getImage() != null;
    }

    /**
     * @param card a card
     * @return whether it carries the "looks like neither class" chip
     */
    public boolean flaggedNeither(Node card) {
        return card.lookup("#neitherChip").isVisible();
    }

    /** @return the folder run's status line */
    public String folderStatus() {
        return text("folderStatus");
    }

    /** @return the per-class summary of the folder run ("" when hidden) */
    public String folderSummary() {
        Label l = node("folderSummary");
        return l.isVisible() ? l.getText() : "";
    }

    /** Presses "Export CSV…". */
    public PredictionPage exportCsv() {
        robot.clickOn("#exportCsvButton");
        return this;
    }
}

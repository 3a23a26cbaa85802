package studio.catdog.ui.pages;

import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import studio.catdog.testing.Await;

/** Shared helpers for the page objects: find nodes by fx:id, read text, wait. */
public class AppPage {

    protected final FxRobot robot;

    /**
     * @param robot the robot
     */
    public AppPage(FxRobot robot) {
        this.robot = robot;
    }

    /**
     * @param id an fx:id
     * @param <T> the node type
     * @return the node
     */
    public <T extends Node> T node(String id) {
        return robot.lookup("#" + id).query();
    }

    /**
     * @param id an fx:id of a Labeled
     * @return its text
     */
    public String text(String id) {
        return this.<Labeled>node(id).getText();
    }

    /**
     * Waits for a condition, checked on the FX thread.
     *
     * @param seconds the limit
     * @param condition the condition
     */
    public void waitFor(int seconds, Callable<Boolean> condition) {
        waitFor("a condition on the window", seconds, condition);
    }

    /**
     * Waits for a condition, checked on the FX thread; fails with what the window says at the deadline.
     *
     * @param what what is awaited, for the failure message
     * @param seconds the limit
     * @param condition the condition
     */
    public void waitFor(String what, int seconds, Callable<Boolean> condition) {
        Await.until(
                what,
                Duration.ofSeconds(seconds),
                () -> WaitForAsyncUtils.asyncFx(condition).get(),
                this::describe);
    }

    /** @return the texts of the status, phase, result and validation labels, for failure messages */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (String id : new String[] {"statusLabel", "errorLabel", "phaseLabel", "resultLabel", "validationLabel"}) {
            robot.lookup("#" + id)
                    .tryQuery()
                    .ifPresent(n -> sb.append(id)
                            .append('=')
                            .append(((Labeled) n).getText())
                            .append("; "));
        }
        return sb.toString();
    }

    /**
     * Selects a workspace tab by its title.
     *
     * @param title "Data set", "Training", "Prediction", "Mistakes"
     */
    public void openTab(String title) {
        Node header = robot.lookup(n ->
                        n instanceof Labeled l && n.getStyleClass().contains("tab-label") && title.equals(l.getText()))
                .query();
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
    }
}

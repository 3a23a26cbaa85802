package studio.catdog.ui.pages;

import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import org.controlsfx.control.GridView;
import org.testfx.api.FxRobot;
import studio.catdog.ui.browser.ClassCountRow;

/** The data set browser, as a user sees it. */
public final class BrowserPage extends AppPage {

    /** @param robot the robot */
    public BrowserPage(FxRobot robot) {
        super(robot);
    }

    /** Presses Open data set… (the test dialog answers) and waits for the counts. */
    public BrowserPage open() {
        openTab("Data set");
        robot.clickOn("#openButton");
        waitFor(30, () -> !counts().getItems().isEmpty());
        return this;
    }

    /** @return the counts table */
    public TableView<ClassCountRow> counts() {
        return node("countsTable");
    }

    /** @return the thumbnail grid */
    public GridView<?> grid() {
        return node("grid");
    }

    /**
     * Chooses a class in the class filter.
     *
     * @param name the class
     */
    public BrowserPage filterClass(String name) {
        robot.clickOn("#classFilter");
        Node item = robot.lookup(n -> n instanceof ListCell<?> c && c.isVisible() && name.equals(c.getText()))
                .query();
        robot.clickOn(item);
        return this;
    }

    /** @return the summary line */
    public String summary() {
        return text("summary");
    }
}

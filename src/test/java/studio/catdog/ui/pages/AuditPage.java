package studio.catdog.ui.pages;

import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import studio.catdog.ui.browser.DuplicateRow;
import studio.catdog.ui.browser.SuspectRow;

/** The data set audit in the browser: its inner tabs, rows and their buttons, as a user sees them. */
public final class AuditPage extends AppPage {

    /** @param robot the robot */
    public AuditPage(FxRobot robot) {
        super(robot);
    }

    /**
     * Selects an inner tab of the Data set workspace.
     *
     * @param index 0 Images, 1 Possible label errors, 2 Near-duplicates
     * @return this
     */
    public AuditPage showTab(int index) {
        TabPane tabs = node("browserTabs");
        robot.interact(() -> tabs.getSelectionModel().select(index));
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** @return the inner tab shown now: its title */
    public String selectedTab() {
        TabPane tabs = node("browserTabs");
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    /** @return the titles of the inner tabs */
    public List<String> tabTitles() {
        TabPane tabs = node("browserTabs");
        return tabs.getTabs().stream().map(t -> t.getText()).toList();
    }

    /** @return the suspects list */
    public ListView<SuspectRow> suspects() {
        return node("suspectsList");
    }

    /** @return the duplicates list */
    public ListView<DuplicateRow> duplicates() {
        return node("duplicatesList");
    }

    /**
     * The shown row (list cell) of a suspect, found by its rank.
     *
     * @param rank 1 for the first
     * @return the cell
     */
    public Node suspectRow(int rank) {
        return robot.lookup(n -> n instanceof ListCell<?> c
                        && c.isVisible()
                        && c.getItem() instanceof SuspectRow r
                        && r.rank() == rank)
                .query();
    }

    /**
     * The shown row of a duplicate finding.
     *
     * @param index its index in the list
     * @return the cell
     */
    public Node duplicateRow(int index) {
        return robot.lookup(n -> n instanceof ListCell<?> c
                        && c.isVisible()
                        && c.getIndex() == index
                        && c.getItem() instanceof DuplicateRow)
                .query();
    }

    /**
     * Clicks a button inside a row (the first shown one with that fx:id, in scene order).
     *
     * @param row the row
     * @param id the button's fx:id
     * @param nth which of the row's buttons with that id (0 for the first: duplicates repeat theirs per image)
     */
    public void click(Node row, String id, int nth) {
        List<ButtonBase> buttons = robot.from(row).lookup("#" + id).<ButtonBase>queryAll().stream()
                .filter(Node::isVisible)
                .toList();
        robot.clickOn(buttons.get(nth));
    }

    /**
     * The texts of a row's labels, for assertions.
     *
     * @param row the row
     * @return the labels' texts, in scene order
     */
    public List<String> texts(Node row) {
        Predicate<Node> shownLabel = n -> n instanceof Labeled && n.isVisible();
        return robot.from(row).lookup(shownLabel).queryAll().stream()
                .map(n -> ((Labeled) n).getText())
                .filter(t -> t != null && !t.isEmpty())
                .toList();
    }
}

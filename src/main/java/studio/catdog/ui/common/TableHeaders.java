package studio.catdog.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;

/**
 * Column headers that wrap onto a second line instead of being cut ("Learning…", "Best …"; issue 20), each with its
 * whole text in a tooltip.
 */
public final class TableHeaders {

    private TableHeaders() {}

    /**
     * Makes every header of a table wrap.
     *
     * @param table the table
     */
    public static void wrap(TableView<?> table) {
        for (TableColumn<?, ?> column : table.getColumns()) {
            String text = column.getText();
            Label header = new Label(text);
            header.setWrapText(true);
            header.setTextAlignment(TextAlignment.CENTER);
            header.setMinHeight(Region.USE_PREF_SIZE);
            header.prefWidthProperty().bind(column.widthProperty().subtract(10));
            header.setTooltip(new Tooltip(text));
            header.getStyleClass().add("wrapped-header");
            column.setGraphic(header);
            column.setText("");
        }
    }
}

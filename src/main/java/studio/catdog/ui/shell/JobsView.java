package studio.catdog.ui.shell;

import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.catdog.ui.common.Messages;

/** The status bar's job list: each queued or running job with its progress and its own cancel button. */
public final class JobsView {

    private final JobsViewModel vm;

    @FXML
    private ListView<JobRow> jobList;

    /** @param vm the jobs */
    public JobsView(JobsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        jobList.setItems(vm.rows());
        jobList.setCellFactory(list -> new JobCell());
    }

    /** One job: title, detail and progress on the left, cancel on the right. */
    private final class JobCell extends ListCell<JobRow> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Button cancel = new Button(null, new FontIcon("mdal-close"));
        private final HBox box;

        JobCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            detail.getStyleClass().add("text-muted");
            VBox text = new VBox(2, title, detail, bar);
            HBox.setHgrow(text, Priority.ALWAYS);
            cancel.getStyleClass().addAll("button-icon", "flat");
            cancel.setTooltip(new Tooltip(Messages.get("jobs.cancelOne")));
            cancel.setOnAction(e -> {
                if (getItem() != null) {
                    vm.cancel(getItem().id());
                }
            });
            box = new HBox(8, text, cancel);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(JobRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            title.setText(row.title());
            detail.setText(row.detail());
            bar.setProgress(row.running() ? row.fraction() : 0);
            cancel.setDisable(row.cancelling());
            cancel.setId("cancel-job-" + row.id());
            setGraphic(box);
        }
    }
}

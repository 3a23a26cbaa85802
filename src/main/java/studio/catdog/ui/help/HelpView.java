package studio.catdog.ui.help;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.WrappingTableCell;
import studio.catdog.ui.help.HelpViewModel.Page;

/** The Help window's content: binds {@link HelpViewModel} to HelpView.fxml. */
public final class HelpView {

    private final HelpViewModel vm;
    private final DialogService dialogs;

    @FXML
    private BorderPane helpRoot;

    @FXML
    private TabPane helpTabs;

    @FXML
    private Tab gettingStartedTab;

    @FXML
    private Tab shortcutsTab;

    @FXML
    private Tab aboutTab;

    @FXML
    private VBox stepsBox;

    @FXML
    private GridPane shortcutsGrid;

    @FXML
    private GridPane placesGrid;

    @FXML
    private TableView<Shortcut> shortcutsTable;

    @FXML
    private TableColumn<Shortcut, String> keysColumn;

    @FXML
    private TableColumn<Shortcut, String> actionColumn;

    @FXML
    private Label versionLabel;

    @FXML
    private Label runtimeLabel;

    @FXML
    private TextArea noticeText;

    @FXML
    private TableView<ThirdPartyComponent> thirdPartyTable;

    @FXML
    private TableColumn<ThirdPartyComponent, String> componentColumn;

    @FXML
    private TableColumn<ThirdPartyComponent, String> licenceColumn;

    @FXML
    private TableColumn<ThirdPartyComponent, String> homeColumn;

    /**
     * @param vm the ViewModel
     * @param dialogs shows the log folder in the file manager
     */
    public HelpView(HelpViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        List<String> steps = vm.steps();
        for (int i = 0; i < steps.size(); i++) {
            Label step = new Label(Messages.get("help.stepNumber", i + 1, steps.get(i)));
            step.setWrapText(true);
            step.setId("helpStep" + (i + 1));
            stepsBox.getChildren().add(step);
        }
        shortcutsTable.setItems(vm.shortcuts());
        keysColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        actionColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().action()));
        vm.shortcuts().addListener((ListChangeListener<Shortcut>) c -> fillShortcuts());
        fillShortcuts();
        int row = 0;
        for (StoragePlace p : vm.places()) {
            Label what = new Label(p.what());
            Label where = new Label(p.path().toString());
            where.setWrapText(true);
            where.getStyleClass().add("text-muted");
            placesGrid.addRow(row++, what, where);
        }
        versionLabel.setText(Messages.get("help.about.version", vm.version()));
        runtimeLabel.setText(vm.runtime());
        noticeText.setText(vm.builtInNotice());
        thirdPartyTable.getItems().setAll(vm.thirdParty());
        componentColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().name()));
        licenceColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().licence()));
        homeColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().home()));
        // Names and licences are long ("Deep Java Library (DJL): API, model zoo, ..."): they wrap, not cut.
        componentColumn.setCellFactory(c -> new WrappingTableCell<>());
        licenceColumn.setCellFactory(c -> new WrappingTableCell<>());
        homeColumn.setCellFactory(c -> new WrappingTableCell<>());
    }

    private void fillShortcuts() {
        shortcutsGrid.getChildren().clear();
        int row = 0;
        for (Shortcut s : vm.shortcuts()) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("text-bold");
            Label action = new Label(s.action());
            action.setWrapText(true);
            shortcutsGrid.addRow(row++, keys, action);
        }
    }

    /**
     * Shows one page.
     *
     * @param page the page
     */
    public void show(Page page) {
        helpTabs.getSelectionModel()
                .select(
                        switch (page) {
                            case GETTING_STARTED -> gettingStartedTab;
                            case SHORTCUTS -> shortcutsTab;
                            case ABOUT -> aboutTab;
                        });
    }

    /** @return the page shown */
    public Page page() {
        Tab t = helpTabs.getSelectionModel().getSelectedItem();
        return t == shortcutsTab ? Page.SHORTCUTS : t == aboutTab ? Page.ABOUT : Page.GETTING_STARTED;
    }

    /** Shows the log folder in the file manager (or says where it is). */
    @FXML
    public void openLogFolder() {
        Path dir = vm.logFolder();
        if (dir != null && !dialogs.showFolder(dir)) {
            vm.noFileManager(dir);
        }
    }

    @FXML
    private void close() {
        helpRoot.getScene().getWindow().hide();
    }
}

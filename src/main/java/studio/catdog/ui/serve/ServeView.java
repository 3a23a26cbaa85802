package studio.catdog.ui.serve;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import studio.catdog.ui.common.Messages;

/** The serve window's controller: binds {@link ServeViewModel} and forwards the buttons. */
public final class ServeView {

    private final ServeViewModel vm;
    private final Timeline refresh;

    @FXML
    private VBox serveRoot;

    @FXML
    private TextField portField;

    @FXML
    private Button startButton;

    @FXML
    private Button stopButton;

    @FXML
    private TextField urlField;

    @FXML
    private Label requestsLabel;

    @FXML
    private Label statusLabel;

    @FXML
    private Label errorLabel;

    /** @param vm the ViewModel */
    public ServeView(ServeViewModel vm) {
        this.vm = vm;
        this.refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        portField.textProperty().bindBidirectional(vm.portProperty());
        portField.disableProperty().bind(vm.canStartProperty().not());
        startButton.disableProperty().bind(vm.canStartProperty().not());
        stopButton.disableProperty().bind(vm.runningProperty().not());
        urlField.textProperty().bind(vm.urlProperty());
        urlField.visibleProperty().bind(vm.urlProperty().isNotEmpty());
        requestsLabel
                .textProperty()
                .bind(vm.requestsProperty().map(n -> Messages.get("serve.requests", n.longValue())));
        statusLabel.textProperty().bind(vm.statusProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotNull());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        refresh.play();
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void stop() {
        vm.stop();
    }
}

package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import studio.catdog.testing.Await;

/** {@link FirstFrame}: the action runs once, on the UI thread, after the window's first frame was drawn. */
class FirstFrameTest {

    @Test
    void theActionRunsOnceOnTheUiThreadAfterTheWindowIsShown() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> calls = new CopyOnWriteArrayList<>();
        long[] shownAt = {0};
        Stage[] stage = {null};
        AppWindow.onFx(() -> {
            stage[0] = new Stage();
            Scene scene = new Scene(new Label("content"), 200, 100);
            FirstFrame.whenDrawn(
                    scene,
                    drawn -> calls.add((Platform.isFxApplicationThread() ? "ui thread" : "other thread")
                            + ", after show: " + (drawn.nanos() >= shownAt[0])));
            stage[0].setScene(scene);
            shownAt[0] = System.nanoTime();
            stage[0].show();
            return null;
        });
        Await.until("the first frame", Duration.ofSeconds(30), () -> !calls.isEmpty());
        // A later pulse must not call it again.
        AppWindow.onFx(() -> {
            stage[0].getScene().setRoot(new Label("changed"));
            return null;
        });
        Thread.sleep(300);
        assertThat(calls).containsExactly("ui thread, after show: true");
        AppWindow.onFx(() -> {
            stage[0].close();
            return null;
        });
    }
}

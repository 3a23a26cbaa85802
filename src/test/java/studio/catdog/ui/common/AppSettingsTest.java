package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void remembersBetweenRunsAndForgetsFoldersThatAreGone() throws Exception {
        Path file = tmp.resolve("sub/settings.properties");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path model = Files.createDirectories(tmp.resolve("model"));
        AppSettings s = AppSettings.load(file);
        assertThat(s.lastDataset()).isEmpty();
        s.setLastDataset(data);
        s.setBackbone("/x/m.onnx");
        s.setLastModel(model);

        AppSettings again = AppSettings.load(file);
        assertThat(again.lastDataset()).contains(data.toAbsolutePath());
        assertThat(again.backbone()).contains("/x/m.onnx");
        assertThat(again.lastModel()).contains(model.toAbsolutePath());

        Files.delete(model);
        assertThat(AppSettings.load(file).lastModel()).isEmpty();
    }

    @Test
    void brokenFileGivesEmptySettings() throws Exception {
        Path file = tmp.resolve("settings.properties");
        Files.write(file, new byte[] {'\\', 'u', '1'});
        assertThat(AppSettings.load(file).backbone()).isEmpty();
    }
}

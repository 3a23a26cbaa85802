package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.FakeDialogService;

/** The app asks once per TorchScript file, remembers a yes by SHA-256 across restarts, and never a no. */
class TorchScriptConsentTest {

    @TempDir
    Path dir;

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @Test
    void asksOncePerFileAndRemembersAYesBySha256() {
        Path settingsFile = dir.resolve("settings.properties");
        FakeDialogService dialogs = new FakeDialogService();
        TorchScriptConsent consent =
                new TorchScriptConsent(AppSettings.load(settingsFile), dialogs, new CurrentThreadTaskExecutor());
        Path file = dir.resolve("models/backbone.pt");

        dialogs.confirmAnswer = true;
        assertThat(consent.allows(file, SHA_A)).isTrue();
        assertThat(dialogs.lastConfirmation)
                .contains("backbone.pt", dir.resolve("models").toString(), SHA_A);

        dialogs.lastConfirmation = null;
        assertThat(consent.allows(file, SHA_A)).isTrue();
        assertThat(dialogs.lastConfirmation).as("asked again").isNull();

        // A restart reads the answer back; a file moved elsewhere with the same content is the same file.
        TorchScriptConsent restarted =
                new TorchScriptConsent(AppSettings.load(settingsFile), dialogs, new CurrentThreadTaskExecutor());
        assertThat(restarted.allows(dir.resolve("elsewhere.pt"), SHA_A)).isTrue();
        assertThat(dialogs.lastConfirmation).isNull();

        // Another content (the file was changed or swapped) is asked about again.
        dialogs.confirmAnswer = false;
        assertThat(restarted.allows(file, SHA_B)).isFalse();
        assertThat(dialogs.lastConfirmation).contains(SHA_B);
        dialogs.lastConfirmation = null;
        assertThat(restarted.allows(file, SHA_B)).isFalse();
        assertThat(dialogs.lastConfirmation).as("a no is not remembered").isNotNull();
        assertThat(AppSettings.load(settingsFile).trustsTorchScript(SHA_B)).isFalse();
        assertThat(AppSettings.load(settingsFile).trustsTorchScript("not a hash"))
                .isFalse();
    }
}

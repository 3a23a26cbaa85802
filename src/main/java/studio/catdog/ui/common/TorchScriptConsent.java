package studio.catdog.ui.common;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import studio.catdog.core.backbone.TorchScriptTrust;

/**
 * The desktop app's consent to TorchScript files: the first time a file is about to be opened (as a
 * backbone to train on, or the backbone a model folder names), the user is asked, through
 * {@link DialogService}, whether to open it; a yes is remembered by the file's SHA-256 in the
 * {@link AppSettings}, so the same file is not asked about again, and a changed file is.
 *
 * <p>Called on the engine thread while the job waits; the question is shown on the UI thread.
 */
public final class TorchScriptConsent implements TorchScriptTrust {

    private final AppSettings settings;
    private final DialogService dialogs;
    private final TaskExecutor executor;

    /**
     * @param settings where the answers are remembered
     * @param dialogs shows the question
     * @param executor reaches the UI thread
     */
    public TorchScriptConsent(AppSettings settings, DialogService dialogs, TaskExecutor executor) {
        this.settings = settings;
        this.dialogs = dialogs;
        this.executor = executor;
    }

    @Override
    public synchronized boolean allows(Path file, String sha256) {
        if (settings.trustsTorchScript(sha256)) {
            return true;
        }
        String title = Messages.get("torchscript.consent.title");
        String message = Messages.get(
                "torchscript.consent.message",
                String.valueOf(file.getFileName()),
                String.valueOf(file.toAbsolutePath().getParent()),
                sha256);
        String action = Messages.get("torchscript.consent.open");
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        executor.runOnUi(() -> {
            try {
                answer.complete(dialogs.confirm(title, message, action));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        boolean yes = answer.join();
        if (yes) {
            settings.trustTorchScript(sha256, file);
        }
        return yes;
    }
}

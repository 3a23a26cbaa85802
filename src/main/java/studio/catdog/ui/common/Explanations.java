package studio.catdog.ui.common;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.service.ModelService;

/** Asks the service why it answered as it did, for the ViewModels that show a "Why?" toggle. */
public final class Explanations {

    private Explanations() {}

    /**
     * Reads the image off the UI thread and explains the current model's answer for it.
     *
     * @param service explains
     * @param jobs runs the explain job, reading the file off the UI thread first
     * @param file the image file, or null when {@code bytes} is given
     * @param bytes the encoded image, or null when {@code file} is given
     * @return completes on the UI thread with the saliency map, or exceptionally (the caller shows why)
     */
    public static CompletableFuture<Saliency> explain(ModelService service, UiJobs jobs, Path file, byte[] bytes) {
        String name = file != null ? file.getFileName().toString() : Messages.get("common.theImage");
        return jobs.job(() -> service.explain(file != null ? ImageDecoder.readBytes(file) : bytes, name))
                .startOffUiOrFail();
    }
}

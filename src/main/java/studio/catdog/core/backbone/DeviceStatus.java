package studio.catdog.core.backbone;

/**
 * What the status bar shows: the device that is (or, before the engine starts, will be) used, and
 * what it would take to use the GPU. Computed without starting the engine or downloading.
 *
 * @param device the device in words, e.g. "CPU (8 cores)" or "GPU 0 (CUDA)"
 * @param usesGpu whether PyTorch work runs (or will run) on the GPU
 * @param engineStarted whether the engine has started (then {@code device} is the actual one)
 * @param gpusFound NVIDIA GPUs the driver reports
 * @param cudaLibraryCached whether the CUDA libtorch is in DJL's engine cache
 * @param downloadOffered whether downloading the CUDA libtorch would let the GPU be used
 * @param restartNeeded whether the engine runs on another device than the current choice and
 *     library would give: only a restart applies it
 * @param note what it would take to use the GPU (or why it is not used), "" when nothing needs saying
 */
public record DeviceStatus(
        String device,
        boolean usesGpu,
        boolean engineStarted,
        int gpusFound,
        boolean cudaLibraryCached,
        boolean downloadOffered,
        boolean restartNeeded,
        String note) {

    /** @return one line: the device, then the note, if any */
    public String text() {
        return note.isEmpty() ? device : device + " — " + note;
    }
}

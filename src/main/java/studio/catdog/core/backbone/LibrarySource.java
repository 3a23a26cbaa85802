package studio.catdog.core.backbone;

/** Where libtorch comes from. */
public enum LibrarySource {
    /** The user named a libtorch folder with {@code PYTORCH_LIBRARY_PATH}: DJL uses it. */
    USER_LIBRARY_PATH,
    /** A CUDA libtorch already in DJL's engine cache. */
    CACHED_CUDA,
    /**
     * The user asked for the GPU and agreed to download its library: the caller runs
     * {@link CudaLibraryDownload} first. {@link Engines#pytorch()} never applies this plan itself.
     */
    DOWNLOAD_CUDA,
    /** The CPU libtorch bundled with the application. */
    BUNDLED_CPU
}

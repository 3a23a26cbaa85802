package studio.catdog.core.backbone;

/**
 * Facts of the libtorch build this release runs: its version, the CUDA flavour it can download, and the words
 * that offer the download. Shared by {@link Engines} and the classes it delegates to, so that none of them reaches
 * back to the facade for a constant.
 */
public final class LibtorchBuild {

    /** The classpath resource by which DJL finds a bundled libtorch. */
    static final String BUNDLED_NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    /** The CUDA flavour of libtorch 2.7.1 that DJL publishes and whose JNI library {@code pytorch-jni} ships. */
    public static final String CUDA_FLAVOR = "cu128";
    /** The libtorch version this DJL release runs. */
    public static final String LIBTORCH_VERSION = "2.7.1";
    /**
     * Rough size of the CUDA libtorch download, in GB, for the text that offers it (an estimate: the
     * download itself reports the exact size once it starts).
     */
    public static final int CUDA_DOWNLOAD_GB = 3;
    /** How the user gets the CUDA libtorch, named in texts that offer it. */
    static final String HOW_TO_DOWNLOAD = "\"Use the GPU…\" in the app, or --device gpu on the command line";

    private LibtorchBuild() {}
}

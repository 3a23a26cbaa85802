package studio.catdog.core.backbone;

import java.nio.file.Path;

/**
 * Where libtorch comes from in this process, and why: shown in the log and the UI.
 *
 * @param source where libtorch comes from
 * @param libraryPath the libtorch folder for {@link LibrarySource#CACHED_CUDA},
 *     {@link LibrarySource#USER_LIBRARY_PATH} and {@link LibrarySource#DOWNLOAD_CUDA} (where it will be), else null
 * @param reason why, in plain words
 * @param downloadOffered whether the GPU could be used after the user chooses to download the CUDA
 *     libtorch (never done without that choice)
 */
public record DevicePlan(LibrarySource source, Path libraryPath, String reason, boolean downloadOffered) {}

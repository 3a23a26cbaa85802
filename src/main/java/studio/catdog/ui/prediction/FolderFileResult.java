package studio.catdog.ui.prediction;

import java.nio.file.Path;
import studio.catdog.core.prediction.Prediction;

/**
 * One file's result in a folder prediction.
 *
 * @param file the image
 * @param prediction its prediction, null when it failed
 * @param error why it failed, null when fine
 */
public record FolderFileResult(Path file, Prediction prediction, String error) {}

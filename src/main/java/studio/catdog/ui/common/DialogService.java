package studio.catdog.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every file and folder chooser the app shows. Views ask this service instead of creating
 * choosers, so UI tests can answer with prepared paths.
 */
public interface DialogService {

    /**
     * Asks for a folder.
     *
     * @param title the dialog title
     * @param initial a folder to start in, or null
     * @return the chosen folder, empty when cancelled
     */
    Optional<Path> chooseDirectory(String title, Path initial);

    /**
     * Asks for one existing file.
     *
     * @param title the dialog title
     * @param description what the files are ("ONNX or TorchScript model")
     * @param extensions allowed extensions without dots
     * @return the file, empty when cancelled
     */
    Optional<Path> chooseFile(String title, String description, List<String> extensions);

    /**
     * Asks for several existing files.
     *
     * @param title the dialog title
     * @param description what the files are
     * @param extensions allowed extensions without dots
     * @return the files, empty when cancelled
     */
    List<Path> chooseFiles(String title, String description, List<String> extensions);

    /**
     * Asks where to save a new file.
     *
     * @param title the dialog title
     * @param initialName the suggested file name
     * @param description what the file is
     * @param extensions allowed extensions without dots
     * @return the file, empty when cancelled
     */
    Optional<Path> saveFile(String title, String initialName, String description, List<String> extensions);

    /**
     * Asks for a new folder to save into, with the platform's save dialog (a name to type and where to put it), not a
     * folder chooser: the folder does not exist yet.
     *
     * @param title the dialog title
     * @param initial the folder to start in, or null
     * @param initialName the suggested folder name
     * @return the folder to create, empty when cancelled
     */
    Optional<Path> saveFolder(String title, Path initial, String initialName);

    /**
     * Shows a folder in the system's file manager.
     *
     * @param folder the folder (it exists)
     * @return whether a file manager was asked to show it (false where the system has none)
     */
    boolean showFolder(Path folder);

    /**
     * Asks before something the user may not want (a large download).
     *
     * @param title the dialog title
     * @param message what will happen, in plain words
     * @param action the button that goes ahead ("Download")
     * @return whether the user went ahead
     */
    boolean confirm(String title, String message, String action);
}

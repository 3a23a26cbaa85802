package studio.catdog.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with the platform's own choosers. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private final HostServices host;

    /**
     * @param owner the window the dialogs belong to
     * @param host opens folders in the file manager (the application's host services), or null for none
     */
    public FxDialogService(Supplier<Window> owner, HostServices host) {
        this.owner = owner;
        this.host = host;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        // Without a start folder GTK opens on "Recent", where a typed path cannot be chosen.
        Path start = initial != null && Files.isDirectory(initial) ? initial : Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, List<String> extensions) {
        return Optional.ofNullable(chooser(title, description, extensions).showOpenDialog(owner.get()))
                .map(File::toPath);
    }

    @Override
    public List<Path> chooseFiles(String title, String description, List<String> extensions) {
        List<File> files = chooser(title, description, extensions).showOpenMultipleDialog(owner.get());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, String description, List<String> extensions) {
        FileChooser chooser = chooser(title, description, extensions);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFolder(String title, Path initial, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        Path start = initial != null && Files.isDirectory(initial) ? initial : Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public boolean showFolder(Path folder) {
        if (host == null) {
            return false;
        }
        host.showDocument(folder.toUri().toString());
        return true;
    }

    private static FileChooser chooser(String title, String description, List<String> extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(
                        description, extensions.stream().map(e -> "*." + e).toList()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("common.allFiles"), "*"));
        File home = new File(System.getProperty("user.home"));
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        return chooser;
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, go, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(go::equals).isPresent();
    }
}

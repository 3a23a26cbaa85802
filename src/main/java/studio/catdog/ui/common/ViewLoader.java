package studio.catdog.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML (same package path and base name as the View class) and creates its
 * controller, and those of its {@code fx:include}s, through registered constructors, so views get
 * their ViewModels by constructor injection and nothing is looked up statically.
 */
public final class ViewLoader {

    private final Map<Class<?>, Supplier<?>> factories = new HashMap<>();

    /**
     * Registers how to create a view (controller) class.
     *
     * @param type the view class named in the FXML
     * @param factory creates it
     * @param <T> the type
     * @return this
     */
    public <T> ViewLoader register(Class<T> type, Supplier<? extends T> factory) {
        factories.put(type, factory);
        return this;
    }

    /**
     * Loads a view.
     *
     * @param viewClass the View class; its FXML is {@code <ViewClass>.fxml} beside it on the class path
     * @param <T> the view type
     * @return the root and the controller
     */
    public <T> LoadedView<T> load(Class<T> viewClass) {
        URL fxml = viewClass.getResource(viewClass.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("no FXML for " + viewClass.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml, Messages.bundle());
        loader.setControllerFactory(type -> {
            Supplier<?> f = factories.get(type);
            if (f == null) {
                throw new IllegalStateException("no factory registered for " + type.getName());
            }
            return f.get();
        });
        try {
            Parent root = loader.load();
            return new LoadedView<>(root, viewClass.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}

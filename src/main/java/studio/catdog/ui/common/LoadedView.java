package studio.catdog.ui.common;

import javafx.scene.Parent;

/**
 * A view loaded from FXML: its root node and its controller.
 *
 * @param root the root node
 * @param controller the View instance
 * @param <T> the view type
 */
public record LoadedView<T>(Parent root, T controller) {}

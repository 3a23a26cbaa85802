/**
 * The desktop app (JavaFX, FXML, MVVM): {@code CatdogApp} starts it and {@code UiAssembly} wires services,
 * ViewModels and Views by constructor. Each feature package holds a View (FXML and a controller that only binds)
 * and a ViewModel (properties and commands, no Nodes). Depends on {@code core}; nothing in core depends on it.
 */
package studio.catdog.ui;

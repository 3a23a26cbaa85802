/**
 * The main window: menu, workspace tabs, error banner, status bar and the list of running jobs. Depends on the
 * feature packages' ViewModels, {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.shell;

package studio.catdog.ui.help;

/**
 * One keyboard shortcut.
 *
 * @param keys the keys as the menus show them ("Ctrl+O")
 * @param action what they do ("Open data set…")
 */
public record Shortcut(String keys, String action) {}

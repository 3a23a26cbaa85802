/**
 * The Data set workspace: the folder browser with its counts and thumbnails, and the audit (label-error suspects,
 * near-duplicates, recent changes with undo). Depends on {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.browser;

/**
 * What every workspace shares: the task executor seam, coalesced progress, dialogs, settings, the shared session,
 * thumbnails, the view loader and the text bundle ({@code Messages}). Depends on {@code core}; the feature packages
 * depend on it, never the reverse.
 */
package studio.catdog.ui.common;

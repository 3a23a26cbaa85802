/**
 * The Runs tab: every training run of the current model side by side. Depends on {@code core} and
 * {@code ui.common}.
 */
package studio.catdog.ui.runs;

/**
 * The Training workspace: backbone choice (with downloads), settings, live loss curves and progress. Depends on
 * {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.training;

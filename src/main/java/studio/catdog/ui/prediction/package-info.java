/**
 * The Prediction workspace: dropped, pasted or opened images and whole folders classified, with the "neither"
 * chip, Why? and CSV export. Depends on {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.prediction;

/**
 * The Mistakes workspace: the confusion matrix and the test images the model gets wrong, each with Why?. Depends
 * on {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.mistakes;

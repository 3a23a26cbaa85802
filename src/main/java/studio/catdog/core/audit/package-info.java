/**
 * The data set audit: label-error suspects from out-of-fold predictions, near-duplicates and train/test leaks
 * from feature similarity confirmed by a perceptual hash, and {@code DatasetEdits}, the undoable moves, excludes and
 * keep decisions recorded in the data set's journal. Depends on {@code core.dataset}, {@code core.features} and
 * {@code core.image}; used by {@code core.service} and the front ends.
 */
package studio.catdog.core.audit;

/**
 * Training the head on cached features with DJL: settings, the trainer, early stopping, and the listener that
 * turns DJL's batches into plain progress values (never NDArrays). Depends on {@code core.model},
 * {@code core.features} and {@code core.backbone}.
 */
package studio.catdog.core.training;

/**
 * The learned model's values, shared by training, prediction, storage and export: the trained head
 * ({@code TrainedHead}), its "neither" detector ({@code NoveltyDetector}), its per-epoch history and how its run
 * stopped. It sits below {@code core.training} and {@code core.prediction} so neither depends on the other; it
 * depends only on {@code core.evaluation} (the softmax and temperature).
 */
package studio.catdog.core.model;

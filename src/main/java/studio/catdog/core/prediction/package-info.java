/**
 * Using a trained model: predictions with probabilities and the "neither" flag, the prediction CSV, and
 * occlusion saliency ("Why?"). Depends on {@code core.model}, {@code core.backbone}, {@code core.image} and
 * {@code core.evaluation}.
 */
package studio.catdog.core.prediction;

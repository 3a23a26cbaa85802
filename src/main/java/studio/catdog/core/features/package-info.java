/**
 * Features from images: the pipelined {@code FeatureExtractor} (decode on its own threads, backbone in batches)
 * and the on-disk {@code FeatureCache} keyed by content hash and backbone identity. Depends on
 * {@code core.backbone}, {@code core.dataset} and {@code core.image}.
 */
package studio.catdog.core.features;

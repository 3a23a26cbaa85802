/**
 * Frozen feature extractors: the built-in MobileNetV2, the pinned ResNet50 forms (catalogue, download, verified
 * cache), any ONNX or TorchScript file, and the engine and device set-up (ONNX Runtime, PyTorch, CPU or CUDA).
 * Depends on {@code core.download}, {@code core.image} and {@code core.onnx}; everything that needs features goes
 * through a {@code Backbone}.
 */
package studio.catdog.core.backbone;

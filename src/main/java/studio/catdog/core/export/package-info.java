/**
 * Export of a trained model as one ONNX graph (backbone and head together) with its preprocessing description,
 * for clients outside the app. Depends on {@code core.model}, {@code core.image} and {@code core.onnx}.
 */
package studio.catdog.core.export;

/**
 * Reading and writing ONNX protobuf messages by hand (the small subset the app needs), shared by the backbone's
 * feature graph and the exporter. Depends on nothing else in core.
 */
package studio.catdog.core.onnx;

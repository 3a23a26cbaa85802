package studio.catdog.spark;

import java.io.Serializable;

/**
 * What an executor needs to run the backbone (and, for predictions, the head): names of files that
 * Spark itself distributed ({@code SparkContext.addFile}) plus the checksums they must have. Small and
 * serializable: it travels inside every task, the files travel once per executor.
 *
 * @param backboneFile the shipped ONNX backbone's file name, or null for the built-in MobileNetV2
 * @param backboneSha256 the backbone file's SHA-256 (the built-in one's for the built-in)
 * @param featureLayer the feature layer asked for ({@code pooled} or {@code logits})
 * @param featureDim the feature length the driver's copy of the backbone gave
 * @param modelFiles the model folder's files as shipped (names, comma separated: {@code model.json}, the
 *     head's parameters, the novelty reference), or null when only features are extracted
 * @param manifestSha256 the SHA-256 of the shipped {@code model.json}, or null
 */
public record ShippedModel(
        String backboneFile,
        String backboneSha256,
        String featureLayer,
        int featureDim,
        String modelFiles,
        String manifestSha256)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @return the key of the executor's backbone: one per file and checksum per JVM */
    String backboneKey() {
        return (backboneFile == null ? "builtin" : backboneFile) + "|" + backboneSha256 + "|" + featureLayer;
    }

    /** @return the key of the executor's head */
    String headKey() {
        return modelFiles + "|" + manifestSha256;
    }
}

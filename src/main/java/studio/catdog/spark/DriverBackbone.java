package studio.catdog.spark;

import java.nio.file.Path;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.image.Preprocessing;

/**
 * A backbone checked on the driver.
 *
 * @param info its identity (what model folders and the feature table record)
 * @param preprocessing its input preprocessing
 * @param file the ONNX file executors open, or null for the built-in MobileNetV2 (inside the jar)
 */
record DriverBackbone(BackboneInfo info, Preprocessing preprocessing, Path file) {

    /** @return the feature table's key: the desktop feature cache's key (identity and preprocessing) */
    String cacheKey() {
        return info.identity() + "|" + preprocessing.id();
    }
}

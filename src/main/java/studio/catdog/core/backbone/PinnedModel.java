package studio.catdog.core.backbone;

import java.net.URI;
import java.util.Locale;

/**
 * A backbone file this app downloads and trusts only by its checksum: where it is (a pinned revision,
 * never a moving branch), how big it is and what its bytes hash to.
 *
 * @param id the name users type ({@code --backbone resnet50-onnx}) and model files record
 * @param displayName the name in the app ("ResNet50 v1, ONNX fp32")
 * @param fileName the file in the backbone cache
 * @param remoteName the file on the server: {@code fileName}, or {@code fileName + ".gz"} when it is served gzipped
 * @param url where it is downloaded from
 * @param downloadBytes the size of what is downloaded
 * @param downloadDigest the checksum of what is downloaded
 * @param sha256 the SHA-256 of the installed file; null where nobody publishes it (then the one
 *     computed after the download was verified is recorded, and later checked against)
 * @param engine {@code OnnxRuntime} or {@code PyTorch}
 * @param licence the licence of the weights, one line
 * @param about what it is, one line (origin, accuracy, where it runs best)
 */
public record PinnedModel(
        String id,
        String displayName,
        String fileName,
        String remoteName,
        URI url,
        long downloadBytes,
        FileDigest downloadDigest,
        String sha256,
        String engine,
        String licence,
        String about) {

    /** @return whether the server sends it gzipped (it is unpacked into the cache) */
    public boolean gzipped() {
        return !remoteName.equals(fileName);
    }

    /**
     * @param other another address (a mirror)
     * @return the same file at that address
     */
    public PinnedModel at(URI other) {
        return new PinnedModel(
                id,
                displayName,
                fileName,
                remoteName,
                other,
                downloadBytes,
                downloadDigest,
                sha256,
                engine,
                licence,
                about);
    }

    /** @return the download size in words, e.g. "102.6 MB" */
    public String sizeText() {
        return String.format(Locale.ROOT, "%.1f MB", downloadBytes / 1e6);
    }

    /** @return e.g. "resnet50-onnx (ResNet50 v1, ONNX fp32, 102.6 MB)" */
    public String describe() {
        return id + " (" + displayName + ", " + sizeText() + ")";
    }
}

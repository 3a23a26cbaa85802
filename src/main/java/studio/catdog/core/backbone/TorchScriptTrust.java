package studio.catdog.core.backbone;

import java.nio.file.Path;

/**
 * Whether a TorchScript file may be opened. TorchScript holds code that PyTorch runs when it loads the
 * file, so a file from elsewhere (a received model folder, a download) is opened only with the user's
 * consent: the desktop app asks once per file and remembers the answer by SHA-256; the command line
 * needs {@code --trust-torchscript}; Spark and anything else that does not say refuse. The pinned
 * TorchScript ResNet50 (checked by its SHA-256 before it is opened) needs no consent.
 *
 * <p>Asked on the engine thread, after the file's checksum was computed and (for a saved model)
 * compared with the one the model records, and before PyTorch reads a byte of it.
 */
@FunctionalInterface
public interface TorchScriptTrust {

    /** Refuses every file; what {@link BackboneFactory} does unless told otherwise. */
    TorchScriptTrust REFUSE = refuse("");

    /** Opens every file: the command line's {@code --trust-torchscript}, and tests. */
    TorchScriptTrust TRUST_ALL = (file, sha256) -> true;

    /**
     * @param file the TorchScript file
     * @param sha256 its SHA-256, computed just before
     * @return whether it may be opened
     */
    boolean allows(Path file, String sha256);

    /** @return what the user can do to open a refused file (a sentence), or empty */
    default String refusalAdvice() {
        return "";
    }

    /**
     * A policy that refuses every file and says how to allow one.
     *
     * @param advice the sentence added to the refusal, e.g. "Add --trust-torchscript to open it."
     * @return the policy
     */
    static TorchScriptTrust refuse(String advice) {
        return new TorchScriptTrust() {
            @Override
            public boolean allows(Path file, String sha256) {
                return false;
            }

            @Override
            public String refusalAdvice() {
                return advice;
            }
        };
    }
}

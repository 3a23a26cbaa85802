package studio.catdog.core.backbone;

import java.nio.file.Path;
import studio.catdog.core.CatdogException;

/** A TorchScript file was not opened because the user did not consent ({@link TorchScriptTrust}). */
public final class TorchScriptRefusedException extends CatdogException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String sha256;

    /**
     * @param file the file
     * @param sha256 its SHA-256
     * @param advice what the user can do, or empty
     */
    public TorchScriptRefusedException(Path file, String sha256, String advice) {
        super("The backbone " + file + " is a TorchScript file (SHA-256 " + sha256 + "). TorchScript holds code "
                + "that PyTorch runs when it loads the file, so CatDog Studio opens one only when you trust where it "
                + "came from; it was not opened." + (advice.isEmpty() ? "" : " " + advice));
        this.file = file;
        this.sha256 = sha256;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return its SHA-256 */
    public String sha256() {
        return sha256;
    }
}

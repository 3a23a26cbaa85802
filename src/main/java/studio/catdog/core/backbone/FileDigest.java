package studio.catdog.core.backbone;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A file's checksum.
 *
 * @param algorithm the {@link MessageDigest} name: {@code SHA-256} or {@code SHA-1}
 * @param hex its value, lower-case hex
 */
public record FileDigest(String algorithm, String hex) {

    /** Normalises the hex to lower case. */
    public FileDigest {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** @return a fresh digest of this algorithm */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}

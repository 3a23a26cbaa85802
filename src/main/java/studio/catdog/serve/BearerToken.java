package studio.catdog.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import studio.catdog.core.CatdogException;

/**
 * The secret a client must send as {@code Authorization: Bearer <token>}. Compared in constant time: both
 * sides are hashed to 32 bytes first, so neither the content nor the length of the secret shows in the time
 * an answer takes.
 */
public final class BearerToken {

    /** Shorter secrets are refused: they could be guessed. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private BearerToken(String secret) {
        this.digest = sha256(secret);
    }

    /**
     * Reads the token from a file (its first line; surrounding white space is ignored).
     *
     * @param file the file
     * @return the token
     * @throws CatdogException when the file cannot be read or holds no usable token
     */
    public static BearerToken fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatdogException("Cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        String secret = text.lines().findFirst().orElse("").strip();
        return of(secret, "The token file " + file);
    }

    /**
     * @param secret the token
     * @return it as a token
     * @throws CatdogException when it is too short or has characters a header cannot carry
     */
    public static BearerToken of(String secret) {
        return of(secret, "The token");
    }

    private static BearerToken of(String secret, String what) {
        if (secret.length() < MIN_LENGTH) {
            throw new CatdogException(what + " holds no token of at least " + MIN_LENGTH
                    + " characters; write a long random one, e.g. the output of 'openssl rand -hex 32'.");
        }
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new CatdogException(
                    what + " holds characters an HTTP header cannot carry; use letters, digits and punctuation.");
        }
        return new BearerToken(secret);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whether it carries this token
     */
    public boolean accepts(String authorization) {
        String given = "";
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).strip();
        }
        return MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}

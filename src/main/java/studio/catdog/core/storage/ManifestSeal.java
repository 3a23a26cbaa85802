package studio.catdog.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.catdog.core.backbone.BackboneFactory;

/**
 * The seal of a {@code model.json}: its first member, {@code "manifestSha256"}, is the SHA-256 of the
 * file's own bytes with those 64 hex digits written as zeros. Any edit of the file, a digit of a
 * number as much as a reordered class list, breaks the seal; the head's and the novelty reference's
 * checksums are inside the sealed text, so the seal covers the whole folder.
 *
 * <p>Checking works on the bytes, not on parsed JSON, so no two serialisations can disagree about what
 * was sealed. A file without the member was written before sealing existed.
 */
final class ManifestSeal {

    /** The member that holds the seal, always the first one of the file. */
    static final String FIELD = "manifestSha256";

    private static final String ZEROS = "0".repeat(64);
    private static final Pattern SEALED = Pattern.compile("\\A\\{\\s*\"" + FIELD + "\"\\s*:\\s*\"([0-9a-f]{64})\"");

    /** What a file's seal says. */
    enum State {
        /** sealed, and the content is as it was sealed */
        INTACT,
        /** written before sealing existed (no seal member anywhere) */
        UNSEALED,
        /** sealed, but changed since (or the seal itself was edited or moved) */
        BROKEN
    }

    private ManifestSeal() {}

    /**
     * Seals a manifest's JSON text.
     *
     * @param json a JSON object's text whose first member is {@code "manifestSha256"} with 64 zeros
     * @return the same text with the zeros replaced by the seal
     */
    static String seal(String json) {
        Matcher m = SEALED.matcher(json);
        if (!m.find() || !ZEROS.equals(m.group(1))) {
            throw new IllegalArgumentException("the manifest text does not start with an empty seal");
        }
        String sha = BackboneFactory.sha256(json.getBytes(StandardCharsets.UTF_8));
        return json.substring(0, m.start(1)) + sha + json.substring(m.end(1));
    }

    /**
     * @return the empty seal value written before {@link #seal}
     */
    static String placeholder() {
        return ZEROS;
    }

    /**
     * Checks a manifest's text against its seal.
     *
     * @param json the file's text
     * @return whether it is intact, unsealed or broken
     */
    static State check(String json) {
        Matcher m = SEALED.matcher(json);
        if (!m.find()) {
            return json.contains("\"" + FIELD + "\"") ? State.BROKEN : State.UNSEALED;
        }
        String zeroed = json.substring(0, m.start(1)) + ZEROS + json.substring(m.end(1));
        if (zeroed.indexOf("\"" + FIELD + "\"", m.end(1)) >= 0) {
            return State.BROKEN; // a second seal member: not what save writes
        }
        String sha = BackboneFactory.sha256(zeroed.getBytes(StandardCharsets.UTF_8));
        return sha.equals(m.group(1)) ? State.INTACT : State.BROKEN;
    }
}

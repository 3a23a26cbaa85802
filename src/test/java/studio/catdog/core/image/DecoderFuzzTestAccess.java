package studio.catdog.core.image;

import java.util.Random;

/** Gives other test packages the fuzzer's mutation function. */
public final class DecoderFuzzTestAccess {

    private DecoderFuzzTestAccess() {}

    /**
     * Mutates bytes the way {@link DecoderFuzzTest} does.
     *
     * @param original the bytes
     * @param random the randomness
     * @return a mutated copy
     */
    public static byte[] mutate(byte[] original, Random random) {
        return DecoderFuzzTest.mutate(original, random);
    }
}

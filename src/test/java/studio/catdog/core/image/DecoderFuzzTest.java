package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import studio.catdog.testing.TestImages;

/**
 * Feeds a few thousand seeded mutations of real JPEG and PNG bytes to the decoding and preprocessing
 * path: each must either decode or fail with {@link UnreadableImageException} (a plain reason), within
 * a bounded time. Anything else (another exception, an error, a hang) fails the test with the seed.
 */
class DecoderFuzzTest {

    private static final int MUTATIONS_PER_SEED_FILE = 1500;
    private static final long SECONDS_PER_FILE = 10;

    private static byte[] encode(String format, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(TestImages.image(seed % 2 == 0 ? "cats" : "dogs", new Random(seed)), format, out);
        return out.toByteArray();
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>(List.of(encode("jpg", 1), encode("png", 2)));
        Path real = TestImages.shared().resolve("data/cats-and-dogs/test_set/cats/cat.4001.jpg");
        if (Files.isRegularFile(real)) {
            seeds.add(Files.readAllBytes(real));
        }
        return seeds;
    }

    static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        switch (r.nextInt(5)) {
            case 0 -> { // flip a few bytes anywhere
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 2 -> { // overwrite a header byte with an extreme value (sizes, lengths, markers)
                int i = r.nextInt(Math.min(b.length, 64));
                b[i] = (byte) (r.nextBoolean() ? 0xFF : 0x00);
            }
            case 3 -> { // duplicate a chunk in the middle
                int from = r.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + r.nextInt(64));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                b = out;
            }
            default -> { // zero a run
                int from = r.nextInt(b.length);
                Arrays.fill(b, from, Math.min(b.length, from + 1 + r.nextInt(32)), (byte) 0);
            }
        }
        return b;
    }

    @Test
    void mutatedImagesDecodeOrFailPlainlyAndNeverHang() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        int decoded = 0;
        int refused = 0;
        try {
            List<byte[]> seeds = seeds();
            for (int s = 0; s < seeds.size(); s++) {
                Random random = new Random(1000L + s);
                for (int i = 0; i < MUTATIONS_PER_SEED_FILE; i++) {
                    byte[] input = mutate(seeds.get(s), random);
                    String where = "seed file " + s + ", mutation " + i;
                    Future<Boolean> f = pool.submit(() -> {
                        try {
                            float[] t = ImagePreprocessor.toTensor(ImageDecoder.decode(input), Preprocessing.IMAGENET);
                            return t.length == Preprocessing.IMAGENET.tensorSize();
                        } catch (UnreadableImageException e) {
                            assertThat(e.getMessage()).isNotBlank();
                            return false;
                        }
                    });
                    try {
                        if (f.get(SECONDS_PER_FILE, TimeUnit.SECONDS)) {
                            decoded++;
                        } else {
                            refused++;
                        }
                    } catch (TimeoutException e) {
                        throw new AssertionError("decoding hung on " + where);
                    } catch (ExecutionException e) {
                        throw new AssertionError("unexpected failure on " + where + ": " + e.getCause(), e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(decoded + refused).isGreaterThanOrEqualTo(3000);
        assertThat(refused).isPositive();
        assertThat(decoded).isPositive();
    }
}

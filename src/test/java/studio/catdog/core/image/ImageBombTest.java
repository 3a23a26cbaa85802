package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import studio.catdog.testing.ImageBombs;

/**
 * Decompression bombs: a few dozen bytes that declare an image of hundreds of megapixels. Before these
 * limits, the 16383 x 16383 WebP was decoded at full size (over 1 GB, seconds to minutes) and the 20000 x
 * 20000 progressive JPEG took 1.8 GB of native memory (BENCHMARKS.md, "Image bombs").
 */
class ImageBombTest {

    @Test
    void theCraftedWebpIsARealImage() {
        BufferedImage img = ImageDecoder.decode(ImageBombs.losslessWebp(64, 48, 0xff1ec83c, 0));
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(48);
        assertThat(img.getRGB(63, 47) & 0xffffff).isEqualTo(0x1ec83c);
    }

    @Test
    void aTinyWebpDeclaring16383SquaredIsRefusedBeforeDecoding() {
        byte[] bomb = ImageBombs.losslessWebp(16383, 16383, 0xff000000, 0);
        assertThat(bomb.length).isLessThan(100);
        assertThat(ImageDecoder.readHeader(bomb).width()).isEqualTo(16383); // the scan sees an image
        assertThatThrownBy(() -> ImageDecoder.decode(bomb))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("16383x16383")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void aLargeWebpIsRefusedEvenWhenItsFileIsLargeEnough() {
        // Padded past the pixels-per-byte rule: the WebP reader still builds the whole 25-megapixel image.
        byte[] big = ImageBombs.losslessWebp(5000, 5000, 0xff000000, 4000);
        assertThatThrownBy(() -> ImageDecoder.decode(big))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("WebP image too large to decode safely (5000x5000");
    }

    @Test
    void progressiveJpegsAreRecognisedAndLargeOnesRefused() {
        assertThat(DecodeLimits.isProgressiveJpeg(ImageBombs.jpegDeclaring(true, 64, 64, 0)))
                .isTrue();
        assertThat(DecodeLimits.isProgressiveJpeg(ImageBombs.jpegDeclaring(false, 64, 64, 100)))
                .isFalse();
        assertThat(ImageDecoder.decode(ImageBombs.jpegDeclaring(true, 64, 64, 0))
                        .getWidth())
                .isEqualTo(64);

        assertThatThrownBy(() -> ImageDecoder.decode(ImageBombs.jpegDeclaring(true, 20000, 20000, 0)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("20000x20000")
                .hasMessageContaining("decompression bomb");
        assertThatThrownBy(() -> ImageDecoder.decode(ImageBombs.jpegDeclaring(true, 20000, 20000, 50_000)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("progressive JPEG too large to decode safely (20000x20000");
    }

    @Test
    void decodesBeyondTheBudgetWaitForEachOther() throws Exception {
        DecodeLimits.Budget budget = new DecodeLimits.Budget(100L << 20);
        DecodeLimits.Budget.Share small = budget.reserve(DecodeLimits.SMALL_DECODE_BYTES);
        assertThat(budget.availableMb()).isEqualTo(100);
        DecodeLimits.Budget.Share first = budget.reserve(80L << 20);
        assertThat(budget.availableMb()).isEqualTo(20);

        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean got = new AtomicBoolean();
        Thread second = new Thread(() -> {
            started.countDown();
            try (DecodeLimits.Budget.Share s = budget.reserve(80L << 20)) {
                got.set(true);
            }
        });
        second.start();
        started.await();
        while (second.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertThat(got).isFalse();
        first.close();
        second.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(got).isTrue();
        small.close();
        // One larger than the whole budget takes all of it, so it runs alone.
        try (DecodeLimits.Budget.Share all = budget.reserve(1L << 40)) {
            assertThat(budget.availableMb()).isZero();
        }
        assertThat(budget.availableMb()).isEqualTo(100);
    }

    @Test
    void theEstimateCountsTheWholeImageOnlyForWholeImageDecoders() {
        long px = 4000L * 4000;
        byte[] baseline = ImageBombs.jpegDeclaring(false, 4000, 4000, 0);
        byte[] progressive = ImageBombs.jpegDeclaring(true, 4000, 4000, 0);
        assertThat(DecodeLimits.estimateBytes("JPEG", baseline, px, 1)).isEqualTo(px * 4);
        assertThat(DecodeLimits.estimateBytes("JPEG", progressive, px, 1)).isEqualTo(px * 10);
        assertThat(DecodeLimits.estimateBytes("webp", new byte[0], px, 2)).isEqualTo(px + px * 4);
    }
}

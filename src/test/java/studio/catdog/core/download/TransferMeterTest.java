package studio.catdog.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Download speed and time left, in the words the app and the command line share. */
class TransferMeterTest {

    private long now;
    private final TransferMeter meter = new TransferMeter(() -> now);

    @Test
    void speedAndTimeLeftCountOnlyTheBytesThatCameWhileWatching() {
        // A resumed download: 40 MB were on disk already; 4.1 MB/s since.
        assertThat(meter.update(40_000_000, 97_800_000).text()).isEqualTo("40.0 of 97.8 MB");
        now = 2_000_000_000L;
        TransferReading r = meter.update(48_200_000, 97_800_000);

        assertThat(r.bytesPerSecond()).isEqualTo(4_100_000.0);
        assertThat(r.text()).isEqualTo("48.2 of 97.8 MB, 4.1 MB/s");
        assertThat(r.etaSeconds()).isCloseTo(49_600_000 / 4_100_000.0, Offset.offset(1e-6));
        assertThat(r.textWithEta()).isEqualTo("48.2 of 97.8 MB, 4.1 MB/s, 12 s left");
        assertThat(r.fraction()).isCloseTo(48.2 / 97.8, Offset.offset(1e-9));
    }

    @Test
    void anUnknownSizeShowsTheAmountAndNoTimeLeft() {
        meter.update(0, -1);
        now = 1_000_000_000L;
        TransferReading r = meter.update(3_000_000, -1);
        assertThat(r.text()).isEqualTo("3.0 MB, 3.0 MB/s");
        assertThat(r.etaSeconds()).isNaN();
        assertThat(r.fraction()).isEqualTo(-1);
    }

    @Test
    void theFirstInstantsShowNoSpeed() {
        meter.update(0, 1000);
        now = 100_000_000L;
        assertThat(meter.update(500, 1000).bytesPerSecond()).isNaN();
    }
}

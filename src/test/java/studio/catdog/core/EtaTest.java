package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Time-left estimates and their words, shared by the progress bars of the app and the command line. */
class EtaTest {

    @Test
    void estimatesByTheRateSoFarAndSaysItAsPreciselyAsItDeserves() {
        assertThat(Eta.secondsLeft(10, 2, 10)).isEqualTo(40.0);
        assertThat(Eta.secondsLeft(10, 0, 10)).isNaN();
        assertThat(Eta.secondsLeft(10, 5, 4)).isNaN();

        assertThat(Eta.text(Double.NaN)).isEmpty();
        assertThat(Eta.text(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(Eta.text(-1)).isEmpty();
        assertThat(Eta.text(0)).isEqualTo("0 s left");
        assertThat(Eta.text(12.4)).isEqualTo("12 s left");
        assertThat(Eta.text(59.6)).isEqualTo("about 1 min left");
        assertThat(Eta.text(150)).isEqualTo("about 3 min left");
        assertThat(Eta.text(3599)).isEqualTo("about 1 h 00 min left");
        assertThat(Eta.text(3900)).isEqualTo("about 1 h 05 min left");
    }
}

package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ONNX Runtime settings: defaults, overrides for experiments, and that the options build. */
class OrtTuningTest {

    @Test
    void defaultsAreTheMeasuredOnes() {
        OrtTuning t = OrtTuning.fromSystemProperties();
        assertThat(t.intraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(t.optLevel()).isEqualTo(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        assertThat(t.spinning()).isFalse();
        assertThat(t.batchSize()).isEqualTo(8);
        assertThat(t.memoryPattern()).isTrue();
        assertThat(t.cpuArena()).isTrue();
        assertThat(t.config()).isEmpty();
    }

    @Test
    void configEntriesAreParsedInOrderAndReachTheSession() throws Exception {
        Map<String, String> config = OrtTuning.parseConfig(" session.dynamic_block_base = 4 ;;session.x=1");
        assertThat(config).containsExactly(Map.entry("session.dynamic_block_base", "4"), Map.entry("session.x", "1"));
        assertThat(OrtTuning.parseConfig("")).isEmpty();
        assertThatThrownBy(() -> OrtTuning.parseConfig("no-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-value");

        OrtTuning t = new OrtTuning(
                2,
                OrtSession.SessionOptions.OptLevel.ALL_OPT,
                false,
                8,
                false,
                false,
                Map.of("session.dynamic_block_base", "4"));
        try (OrtSession.SessionOptions o = t.sessionOptions()) {
            assertThat(o.getConfigEntries())
                    .containsEntry("session.dynamic_block_base", "4")
                    .containsEntry("session.intra_op.allow_spinning", "0");
        }
    }
}

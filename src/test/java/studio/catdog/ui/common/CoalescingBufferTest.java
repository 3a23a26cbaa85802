package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescingBufferTest {

    /** Holds delayed UI tasks until the test runs them, like a 10 Hz timer would. */
    static final class ManualExecutor implements TaskExecutor {
        final List<Runnable> delayed = new ArrayList<>();

        @Override
        public void runOnUi(Runnable action) {
            action.run();
        }

        @Override
        public void runOnUiAfter(Runnable action, long delayMillis) {
            delayed.add(action);
        }

        @Override
        public void runInBackground(Runnable action) {
            action.run();
        }

        void tick() {
            List<Runnable> now = new ArrayList<>(delayed);
            delayed.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void manyValuesBecomeOneBatchPerTick() {
        ManualExecutor ex = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        CoalescingBuffer<Integer> buffer = new CoalescingBuffer<>(ex, 100, batches::add);
        for (int i = 0; i < 1000; i++) {
            buffer.add(i);
        }
        assertThat(ex.delayed).hasSize(1);
        ex.tick();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(1000).startsWith(0, 1, 2).endsWith(999);
        buffer.add(1000);
        assertThat(ex.delayed).hasSize(1);
        ex.tick();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactly(1000);
    }

    @Test
    void drainWithNothingBufferedCallsNobody() {
        ManualExecutor ex = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        new CoalescingBuffer<Integer>(ex, 100, batches::add).drain();
        assertThat(batches).isEmpty();
    }
}

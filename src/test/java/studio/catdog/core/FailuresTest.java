package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import studio.catdog.core.concurrent.CancelledException;

/** One wording of failures for the app and the command line. */
class FailuresTest {

    @Test
    void theUsersSituationCancellationsAndBugsEachHaveTheirWords() {
        CatdogException bad = new CatdogException("The folder /x has no class folders.");
        Throwable wrapped = new CompletionException(new ExecutionException(bad));
        assertThat(Failures.unwrap(wrapped)).isSameAs(bad);
        assertThat(Failures.describe(wrapped)).isEqualTo("The folder /x has no class folders.");
        assertThat(Failures.isUnexpected(wrapped)).isFalse();
        assertThat(Failures.isCancellation(wrapped)).isFalse();

        for (Throwable cancel :
                new Throwable[] {new CompletionException(new CancelledException()), new CancellationException()}) {
            assertThat(Failures.isCancellation(cancel)).isTrue();
            assertThat(Failures.isUnexpected(cancel)).isFalse();
            assertThat(Failures.describe(cancel)).isEqualTo("cancelled");
        }

        Throwable bug = new CompletionException(new NullPointerException("listener is null"));
        assertThat(Failures.isUnexpected(bug)).isTrue();
        assertThat(Failures.describe(bug)).isEqualTo("unexpected NullPointerException: listener is null");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("unexpected IllegalStateException");
    }
}

package studio.catdog.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.DownloadException.Reason;
import studio.catdog.testing.RawHttpServer;

/**
 * A server made by someone else: it sends more than it should, lies in {@code Content-Range}, sends
 * numbers no {@code long} holds and redirects to plain-http hosts. Each was reproduced on the code before
 * the checks: the bytes were written in full, the numbers ended in a bare NumberFormatException, and the
 * redirect was followed.
 */
class HostileServerTest {

    private static final int EXPECTED = 1000;
    private static final long FLOOD = 50L << 20;

    @TempDir
    Path dir;

    private RawHttpServer server;
    private RawHttpServer other;
    private final HttpFetcher fetcher = new HttpFetcher(
            new HttpFetcher.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(10)));

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private Path part() {
        return dir.resolve("f.bin.part");
    }

    /** Fetches, recording the most bytes the part ever held (as progress reports them). */
    private long[] fetchRecordingMost(long expected) {
        AtomicLong most = new AtomicLong();
        try {
            fetcher.fetch(
                    server.url("/f.bin"),
                    part(),
                    expected,
                    (done, total) -> most.accumulateAndGet(done, Math::max),
                    new CancellationToken());
            return new long[] {most.get(), 0};
        } finally {
            lastMost = most.get();
        }
    }

    private long lastMost;

    @Test
    void aServerThatSendsFarMoreThanExpectedIsCutOffAtTheExpectedSize() throws IOException {
        server = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "200 OK"); // no length: the body runs until the connection closes
            server.body(out, FLOOD);
        });

        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_FILE))
                .hasMessageContaining("more than the expected 1,000 bytes");
        assertThat(lastMost).isLessThanOrEqualTo(EXPECTED);
        assertThat(part()).doesNotExist();
        assertThat(server.bodyBytesSent()).isLessThan(FLOOD);
    }

    @Test
    void aResumeWhoseContentRangeEndLiesIsRefused() throws IOException {
        Files.write(part(), new byte[500]);
        server = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "206 Partial Content", "Content-Range: bytes 500-50000499/1000");
            server.body(out, FLOOD);
        });

        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_FILE))
                .hasMessageContaining("Content-Range");
        assertThat(lastMost).isLessThanOrEqualTo(EXPECTED);
        assertThat(part()).doesNotExist();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).range()).isEqualTo("bytes=500-");
    }

    @Test
    void aResumeWithAnHonestRangeButAnEndlessBodyStopsAtTheRangesEnd() throws IOException {
        Files.write(part(), new byte[500]);
        server = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "206 Partial Content", "Content-Range: bytes 500-999/1000");
            server.body(out, FLOOD);
        });

        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_FILE));
        assertThat(lastMost).isLessThanOrEqualTo(EXPECTED);
        assertThat(part()).doesNotExist();
    }

    @Test
    void aRangeThatDisagreesWithItsOwnLengthIsRefused() throws IOException {
        Files.write(part(), new byte[500]);
        server = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "206 Partial Content", "Content-Range: bytes 500-999/1000", "Content-Length: 900");
            server.body(out, 900);
        });

        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_FILE))
                .hasMessageContaining("Content-Range");
        assertThat(lastMost).isLessThanOrEqualTo(EXPECTED);
    }

    @Test
    void numbersTooLongForALongGiveAPlainReason() throws IOException {
        String huge = "99999999999999999999999";
        server = new RawHttpServer((r, out) -> {
            if (r.method().equals("HEAD")) {
                RawHttpServer.head(out, "200 OK", "Content-Length: " + huge);
            } else {
                RawHttpServer.head(out, "206 Partial Content", "Content-Range: bytes 500-" + huge + "/" + huge);
                server.body(out, 10);
            }
        });

        assertThatThrownBy(() -> fetcher.contentLength(server.url("/f.bin"), new CancellationToken()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Content-Length")
                .hasMessageNotContaining("NumberFormatException");
        Files.write(part(), new byte[500]);
        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Content-Range")
                .hasMessageNotContaining("NumberFormatException");
    }

    @Test
    void everyRedirectHopIsCheckedAgainstTheHttpsRule() throws IOException {
        server = new RawHttpServer((r, out) -> RawHttpServer.head(
                out, "302 Found", "Location: http://mirror.example.invalid/f.bin", "Content-Length: 0"));

        assertThatThrownBy(() -> fetchRecordingMost(EXPECTED))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ALLOWED))
                .hasMessageContaining("http://mirror.example.invalid/f.bin")
                .hasMessageContaining("redirect");
        assertThatThrownBy(() -> fetcher.contentLength(server.url("/f.bin"), new CancellationToken()))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ALLOWED));
        assertThatThrownBy(() -> fetcher.lines(server.url("/files.txt"), new CancellationToken()))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ALLOWED));
        assertThat(part()).doesNotExist();
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowedAndAnEndlessOneIsNot() throws IOException {
        other = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "200 OK", "Content-Length: " + EXPECTED);
            other.body(out, EXPECTED);
        });
        server = new RawHttpServer((r, out) -> {
            if (r.path().equals("/f.bin")) {
                RawHttpServer.head(
                        out,
                        "301 Moved Permanently",
                        "Location: http://localhost:" + other.base().getPort() + "/real.bin",
                        "Content-Length: 0");
            } else {
                RawHttpServer.head(out, "302 Found", "Location: " + r.path(), "Content-Length: 0");
            }
        });

        long size = fetcher.fetch(server.url("/f.bin"), part(), EXPECTED, null, new CancellationToken());
        assertThat(size).isEqualTo(EXPECTED);
        assertThat(Files.size(part())).isEqualTo(EXPECTED);
        assertThat(other.requests()).extracting(RawHttpServer.Request::path).containsExactly("/real.bin");

        assertThatThrownBy(() -> fetcher.fetch(
                        server.url("/loop.bin"), dir.resolve("loop.part"), EXPECTED, null, new CancellationToken()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("redirect");
    }

    @Test
    void anEndlessIndexIsNotReadIntoMemory() throws IOException {
        server = new RawHttpServer((r, out) -> {
            RawHttpServer.head(out, "200 OK");
            server.body(out, FLOOD);
        });

        assertThatThrownBy(() -> fetcher.lines(server.url("/files.txt"), new CancellationToken()))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_FILE))
                .hasMessageContaining("larger than");
        assertThat(server.bodyBytesSent()).isLessThan(FLOOD);
    }
}

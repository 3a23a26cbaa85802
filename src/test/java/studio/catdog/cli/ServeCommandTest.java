package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.service.ModelService;
import studio.catdog.serve.ServeFixture;

/**
 * {@code catdog serve} as a real process: it prints its URL, and SIGTERM lets the request in flight finish, then
 * exits 0.
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesTheRequestInFlightRefusesNewConnectionsAndExitsZero() throws Exception {
        try (ModelService service = ServeFixture.trainedService(dir)) {
            service.currentModel().orElseThrow();
        }
        Path image;
        try (Stream<Path> files = Files.walk(dir.resolve("data/test_set"))) {
            image = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(image);
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                "-Djava.awt.headless=true",
                "-Dcatdog.home=" + dir.resolve("child-home"),
                "studio.catdog.Launcher",
                "serve",
                "--model",
                dir.resolve("model").toString(),
                "--port",
                "0");
        // Files, not pipes: Process.destroy() closes the pipes, and the last line comes after it.
        Path stdout = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try {
            JsonObject started = JsonParser.parseString(firstJsonLine(stdout)).getAsJsonObject();
            int port = started.get("port").getAsInt();
            assertThat(started.get("serving").getAsString()).isEqualTo("http://127.0.0.1:" + port + "/");

            try (Socket upload = new Socket("127.0.0.1", port)) {
                upload.setSoTimeout(30_000);
                OutputStream o = upload.getOutputStream();
                o.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: "
                                + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                int half = bytes.length / 2;
                o.write(bytes, 0, half);
                o.flush();
                awaitInFlight(port); // the request is in flight: headers read, body half there

                p.destroy(); // SIGTERM
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean refused = false;
                while (!refused && System.nanoTime() < deadline) {
                    try (Socket probe = new Socket("127.0.0.1", port)) {
                        Thread.sleep(20);
                    } catch (ConnectException e) {
                        refused = true;
                    }
                }
                assertThat(refused).as("no new connection after SIGTERM").isTrue();

                o.write(bytes, half, bytes.length - half);
                o.flush();
                String answer = readAll(upload.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).contains("\"label\":");
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> rest = Files.readAllLines(stdout);
            assertThat(p.exitValue())
                    .as(Files.readString(dir.resolve("stderr.txt")))
                    .isZero();
            JsonObject stopped =
                    JsonParser.parseString(rest.get(rest.size() - 1)).getAsJsonObject();
            assertThat(stopped.get("stopped").getAsBoolean()).isTrue();
            assertThat(stopped.get("finishedInFlight").getAsBoolean()).isTrue();
            assertThat(stopped.get("requests").getAsLong()).isGreaterThanOrEqualTo(2); // metrics, then predict
        } finally {
            p.destroyForcibly();
        }
    }

    private static void awaitInFlight(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text =
                    client.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            if (text.contains("catdog_predict_in_flight 1")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the upload never became a request in flight");
    }

    private static String firstJsonLine(Path stdout) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(stdout)) {
                if (line.startsWith("{")) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("catdog serve printed no JSON line");
    }

    /** Reads one HTTP response: headers, then Content-Length bytes of body. */
    private static String readAll(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }
}

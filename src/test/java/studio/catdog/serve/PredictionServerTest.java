package studio.catdog.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** The prediction server in-process on free loopback ports, with a tiny model trained on generated images. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionServerTest {

    private static final String TOKEN = "s3cret-token-for-tests-0123456789";

    @TempDir
    static Path dir;

    private ModelService service;
    private PredictionServer server;
    private Http http;
    private List<Path> images;

    @BeforeAll
    void start() throws Exception {
        service = ServeFixture.trainedService(dir);
        server = PredictionServer.start(service, settings());
        http = new Http(server.url());
        try (Stream<Path> files = Files.walk(dir.resolve("data/test_set"))) {
            images = files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @AfterAll
    void stop() {
        server.stop();
        service.close();
    }

    private static ServeSettings settings() {
        return ServeSettings.defaults().withAddress(ServeSettings.LOOPBACK, 0);
    }

    private static void assertError(Http.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("content-type")).startsWith("application/json");
        JsonObject o = a.json().getAsJsonObject();
        assertThat(o.keySet()).containsExactly("error");
        assertThat(o.get("error").getAsString())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static void assertSamePrediction(JsonObject got, Prediction expected) {
        assertThat(got.get("label").getAsString()).isEqualTo(expected.label());
        JsonObject p = got.getAsJsonObject("probabilities");
        assertThat(p.keySet()).containsExactlyElementsOf(expected.classes());
        float[] want = expected.probabilities();
        for (int i = 0; i < want.length; i++) {
            assertThat(p.get(expected.classes().get(i)).getAsDouble()).isCloseTo(want[i], Offset.offset(1e-4));
        }
        if (Double.isNaN(expected.noveltyScore())) {
            assertThat(got.get("noveltyScore").isJsonNull()).isTrue();
        } else {
            assertThat(got.get("noveltyScore").getAsDouble()).isCloseTo(expected.noveltyScore(), Offset.offset(1e-4));
            assertThat(got.get("unfamiliar").getAsBoolean()).isEqualTo(expected.unfamiliar());
        }
    }

    @Test
    void answersEqualPredictOnTheSameFilesAlsoWhenRequestsShareBatches() throws Exception {
        // One at a time...
        for (Path image : images) {
            Http.Answer a = http.post("predict", Files.readAllBytes(image), "Content-Type", "image/png");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertSamePrediction(
                    a.json().getAsJsonObject(), service.predict(image).await());
        }
        // ...and all at once behind a busy engine, so that they are batched together.
        CountDownLatch release = ServeFixture.blockEngine(service);
        ExecutorService clients = Executors.newFixedThreadPool(images.size());
        try {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (Path image : images) {
                byte[] bytes = Files.readAllBytes(image);
                answers.add(
                        clients.submit(() -> http.post("predict", bytes, "Content-Type", "application/octet-stream")));
            }
            awaitAdmitted(images.size());
            release.countDown();
            for (int i = 0; i < images.size(); i++) {
                Http.Answer a = answers.get(i).get(60, TimeUnit.SECONDS);
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                assertSamePrediction(
                        a.json().getAsJsonObject(),
                        service.predict(images.get(i)).await());
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
        assertThat(server.batchSizes().keySet()).as("batch sizes").anyMatch(size -> size > 1);
    }

    private void awaitAdmitted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.admittedImages() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.admittedImages()).isEqualTo(n);
    }

    @Test
    void multipartAnswersAnArrayInOrderWithAnErrorForTheFileThatIsNoImage() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(images.get(0).getFileName().toString(), Files.readAllBytes(images.get(0)));
        files.put("notes.jpg", "just text".getBytes(StandardCharsets.UTF_8));
        files.put(
                images.get(images.size() - 1).getFileName().toString(),
                Files.readAllBytes(images.get(images.size() - 1)));
        Http.Answer a = http.postFiles("predict", files);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonArray items = a.json().getAsJsonArray();
        assertThat(items).hasSize(3);
        assertThat(items.get(0).getAsJsonObject().get("file").getAsString())
                .isEqualTo(images.get(0).getFileName().toString());
        assertSamePrediction(
                items.get(0).getAsJsonObject(), service.predict(images.get(0)).await());
        assertThat(items.get(1).getAsJsonObject().get("file").getAsString()).isEqualTo("notes.jpg");
        assertThat(items.get(1).getAsJsonObject().get("error").getAsString()).contains("not an image");
        assertSamePrediction(
                items.get(2).getAsJsonObject(),
                service.predict(images.get(images.size() - 1)).await());
    }

    @Test
    void everyErrorIsJsonWithItsStatus() throws Exception {
        byte[] image = Files.readAllBytes(images.get(0));
        assertError(http.get("nothing-here"), 404);
        assertError(http.post("predict/extra", image), 404);
        Http.Answer wrongMethod = http.get("predict");
        assertError(wrongMethod, 405);
        assertThat(wrongMethod.header("allow")).isEqualTo("POST");
        assertError(http.send("DELETE", "health", new byte[0]), 405);
        assertError(http.post("predict", image, "Content-Type", "text/plain"), 415);
        assertError(http.post("predict", image, "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertError(http.post("predict", new byte[0], "Content-Type", "image/jpeg"), 400);
        Http.Answer notAnImage =
                http.post("predict", "hello".getBytes(StandardCharsets.UTF_8), "Content-Type", "image/jpeg");
        assertError(notAnImage, 400);
        assertThat(notAnImage.json().getAsJsonObject().get("error").getAsString())
                .contains("not an image");
        byte[] truncated = Arrays.copyOf(image, 60);
        assertError(http.post("predict", truncated, "Content-Type", "image/png"), 400);
        assertError(http.postFiles("predict", Map.of()), 400);
        assertError(
                http.post(
                        "predict",
                        "--x\r\nbroken".getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "multipart/form-data; boundary=x"),
                400);
        // A request Jetty itself cannot parse is answered by Jetty, as JSON too.
        String bad = Http.raw(
                server.port(), "GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 5000);
        assertThat(bad).startsWith("HTTP/1.1 4");
        assertThat(bad.substring(bad.indexOf("\r\n\r\n") + 4).strip()).startsWith("{\"error\":");
        assertThat(bad).doesNotContain("<html").doesNotContain("\tat ");
    }

    @Test
    void aPixelBombIsRefusedWithTheDecodersReason() throws Exception {
        // A PNG header that declares 100000 x 100000 pixels.
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] bytes = png.toByteArray();
        ByteBuffer.wrap(bytes, 16, 8).putInt(100_000).putInt(100_000);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        Http.Answer a = http.post("predict", bytes, "Content-Type", "image/png");
        assertError(a, 400);
        assertThat(a.json().getAsJsonObject().get("error").getAsString()).contains("too large");
    }

    @Test
    void aJpegThatEndsEarlyIsAnsweredAndMarkedDamaged() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(TestImages.image("dogs", new Random(5)), "jpg", jpeg);
        byte[] half = Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2);
        Http.Answer a = http.post("predict", half, "Content-Type", "image/jpeg");
        assertThat(a.status()).isEqualTo(200);
        JsonObject body = a.json().getAsJsonObject();
        assertThat(body.get("damaged").getAsBoolean()).isTrue();
        assertThat(body.get("damage").getAsString()).contains("ends early");
        Http.Answer whole = http.post("predict", jpeg.toByteArray(), "Content-Type", "image/jpeg");
        assertThat(whole.json().getAsJsonObject().has("damaged")).isFalse();
    }

    @Test
    void healthModelMetricsAndTheOpenApiDocument() throws Exception {
        Http.Answer health = http.get("health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getAsJsonObject().get("status").getAsString()).isEqualTo("ok");

        JsonObject model = http.get("model").json().getAsJsonObject();
        assertThat(model.getAsJsonArray("classes").toString()).isEqualTo("[\"cats\",\"dogs\"]");
        assertThat(model.getAsJsonObject("backbone").get("kind").getAsString()).isEqualTo("tiny");
        assertThat(model.getAsJsonObject("metrics").get("testAccuracy").getAsDouble())
                .isBetween(0.0, 1.0);
        byte[] manifest = Files.readAllBytes(dir.resolve("model/model.json"));
        assertThat(model.get("checksum").getAsString())
                .isEqualTo("sha256:"
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(manifest)));

        http.post("predict", Files.readAllBytes(images.get(0)), "Content-Type", "image/png");
        Http.Answer metrics = http.get("metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("content-type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("# TYPE catdog_http_requests_total counter")
                .contains("catdog_http_requests_total{path=\"/predict\",code=\"200\"}")
                .contains("# TYPE catdog_predict_duration_seconds histogram")
                .contains("catdog_predict_duration_seconds_bucket{le=\"+Inf\"}")
                .contains("# TYPE catdog_batch_size histogram")
                .contains("catdog_queue_length 0");

        JsonObject api = http.get("openapi.json").json().getAsJsonObject();
        assertThat(api.get("openapi").getAsString()).startsWith("3.");
        JsonObject paths = api.getAsJsonObject("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(PredictionServer.ROUTES.keySet());
        PredictionServer.ROUTES.forEach((path, method) ->
                assertThat(paths.getAsJsonObject(path).keySet()).containsExactly(method.toLowerCase(Locale.ROOT)));
    }

    @Test
    void theTokenIsRequiredOnEveryPathWhenSet(@TempDir Path tmp) throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        try (PredictionServer guarded =
                PredictionServer.start(service, settings().withToken(BearerToken.fromFile(tokenFile)))) {
            Http client = new Http(guarded.url());
            for (String path : List.of("health", "model", "metrics", "openapi.json", "nothing-here")) {
                Http.Answer a = client.get(path);
                assertError(a, 401);
                assertThat(a.header("www-authenticate")).startsWith("Bearer");
                assertError(client.get(path, "Authorization", "Bearer wrong-token-of-some-length"), 401);
            }
            assertError(
                    client.post("predict", Files.readAllBytes(images.get(0)), "Authorization", "Basic " + TOKEN), 401);
            assertThat(client.get("health", "Authorization", "Bearer " + TOKEN).status())
                    .isEqualTo(200);
            Http.Answer ok = client.post(
                    "predict",
                    Files.readAllBytes(images.get(0)),
                    "Authorization",
                    "Bearer " + TOKEN,
                    "Content-Type",
                    "image/png");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        }
        Path shortToken = Files.writeString(tmp.resolve("short"), "abc");
        assertThatThrownBy(() -> BearerToken.fromFile(shortToken))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> BearerToken.fromFile(tmp.resolve("missing"))).isInstanceOf(CatdogException.class);
        assertThat(BearerToken.of(TOKEN).accepts("bearer " + TOKEN)).isTrue();
        assertThat(BearerToken.of(TOKEN).accepts(null)).isFalse();
        assertThat(BearerToken.of(TOKEN).accepts("Bearer " + TOKEN + "x")).isFalse();
    }

    @Test
    void theSizeLimitAnswers413WhetherTheLengthIsDeclaredOrNot() throws Exception {
        try (PredictionServer small = PredictionServer.start(service, settings().withMaxBodyBytes(1000))) {
            Http client = new Http(small.url());
            // Declared: refused before the body is read.
            String declared = Http.raw(
                    small.port(),
                    ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                                    + "Content-Length: 25000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII),
                    5000);
            assertThat(declared).startsWith("HTTP/1.1 413");
            assertThat(declared).contains("{\"error\":");
            // Not declared (chunked): refused once the limit is passed.
            StringBuilder chunked =
                    new StringBuilder("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                chunked.append("3e8\r\n").append("x".repeat(1000)).append("\r\n");
            }
            chunked.append("0\r\n\r\n");
            String answer = Http.raw(small.port(), chunked.toString().getBytes(StandardCharsets.US_ASCII), 5000);
            assertThat(answer).startsWith("HTTP/1.1 413");
            // A multipart form over the limit.
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("a.jpg", new byte[700]);
            files.put("b.jpg", new byte[700]);
            assertError(client.postFiles("predict", files), 413);
            assertThat(client.get("health").status()).isEqualTo(200);
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        byte[] image = Files.readAllBytes(images.get(0));
        try (PredictionServer bounded =
                PredictionServer.start(service, settings().withBatching(4, 2))) {
            Http client = new Http(bounded.url());
            CountDownLatch release = ServeFixture.blockEngine(service);
            try {
                CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> post(client, image));
                CompletableFuture<Http.Answer> second = CompletableFuture.supplyAsync(() -> post(client, image));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (bounded.admittedImages() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Http.Answer third = client.post("predict", image, "Content-Type", "image/png");
                assertError(third, 429);
                assertThat(third.header("retry-after")).isEqualTo("1");
                Map<String, byte[]> two = new LinkedHashMap<>();
                two.put("a.png", image);
                two.put("b.png", image);
                assertError(client.postFiles("predict", two), 429);
                release.countDown();
                assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(second.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            } finally {
                release.countDown();
            }
            assertThat(client.post("predict", image, "Content-Type", "image/png")
                            .status())
                    .isEqualTo(200);
            assertThat(client.get("metrics").body()).contains("catdog_http_errors_total{code=\"429\"} 2");
        }
    }

    private static Http.Answer post(Http client, byte[] image) {
        try {
            return client.post("predict", image, "Content-Type", "image/png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStalledUploadIsCutOffByTheIdleTimeout() throws Exception {
        ServeSettings quick = settings().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10));
        try (PredictionServer impatient = PredictionServer.start(service, quick)) {
            long start = System.nanoTime();
            String answer = Http.raw(
                    impatient.port(),
                    ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                                    + "Content-Length: 1000\r\n\r\nonly a few bytes")
                            .getBytes(StandardCharsets.US_ASCII),
                    20_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).as("the server gave up on the stalled body").isLessThan(15);
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 408");
            }
            // An idle connection that never sends a request is closed too.
            String idle = Http.raw(impatient.port(), new byte[0], 20_000);
            assertThat(idle).isEmpty();
            assertThat(new Http(impatient.url()).get("health").status()).isEqualTo(200);
        }
    }

    @Test
    void stopFinishesTheRequestsInFlightAndAcceptsNoNewConnection() throws Exception {
        byte[] image = Files.readAllBytes(images.get(1));
        PredictionServer stopping = PredictionServer.start(service, settings());
        Http client = new Http(stopping.url());
        CountDownLatch release = ServeFixture.blockEngine(service);
        List<CompletableFuture<Http.Answer>> inFlight = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> post(client, image)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (stopping.admittedImages() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stopping.admittedImages()).isEqualTo(4);
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(stopping::stop);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stopping.isStopping() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            assertThatThrownBy(() -> new Socket("127.0.0.1", stopping.port()).close())
                    .isInstanceOf(ConnectException.class);
            release.countDown();
            assertThat(stopped.get(30, TimeUnit.SECONDS))
                    .as("every request in flight finished")
                    .isTrue();
            for (CompletableFuture<Http.Answer> a : inFlight) {
                Http.Answer answer = a.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().getAsJsonObject().has("label")).isTrue();
            }
        } finally {
            release.countDown();
            stopping.stop();
        }
    }

    @Test
    void withoutAModelHealthAndPredictAnswer503() throws Exception {
        try (ModelService empty = TestServices.service(dir.resolve("empty-home"));
                PredictionServer idle = PredictionServer.start(empty, settings())) {
            Http client = new Http(idle.url());
            assertError(client.get("health"), 503);
            Http.Answer a = client.post("predict", Files.readAllBytes(images.get(0)), "Content-Type", "image/png");
            assertError(a, 503);
            assertThat(a.header("retry-after")).isNotNull();
        }
    }

    @Test
    void aPortInUseIsAPlainError() {
        assertThatThrownBy(() ->
                        PredictionServer.start(service, settings().withAddress(ServeSettings.LOOPBACK, server.port())))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("Port " + server.port())
                .hasMessageContaining("in use");
    }

    @Test
    void aSmallLoadFromEightClientsGetsEveryAnswer() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (Path image : images) {
            bodies.add(Files.readAllBytes(image));
        }
        long before = server.requestCount();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                byte[] body = bodies.get(i % bodies.size());
                codes.add(clients.submit(() -> post(http, body).status()));
            }
            for (Future<Integer> code : codes) {
                assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requestCount() < before + 160 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the request log counts a request just after its answer is sent
        }
        assertThat(server.requestCount() - before).isGreaterThanOrEqualTo(160);
    }
}

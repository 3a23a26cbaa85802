package studio.catdog.serve;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small HTTP client for the tests: whole responses, and raw bytes on a socket where a client would refuse. */
final class Http {

    /** A response: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    Answer get(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build());
    }

    Answer post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    Answer send(String method, String path, byte[] body, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A multipart/form-data body with one file part per entry, in order. */
    Answer postFiles(String path, Map<String, byte[]> files, String... headers)
            throws IOException, InterruptedException {
        String boundary = "----catdogtest" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + f.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "multipart/form-data; boundary=" + boundary;
        return post(path, body.toByteArray(), all);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().map(), r.body());
    }

    /**
     * Writes raw bytes on a new connection and reads until the server closes it or the time is up.
     *
     * @param port the server's port
     * @param raw what to send
     * @param readTimeoutMillis how long to wait for the answer
     * @return what came back (may be empty)
     */
    static String raw(int port, byte[] raw, int readTimeoutMillis) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(readTimeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(raw);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | SocketException e) {
                // the answer so far
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}

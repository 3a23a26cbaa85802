package studio.catdog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on the loopback address that writes its answers byte by byte, so a test can send what
 * a well-behaved server never would: more bytes than it declared, a {@code Content-Range} that lies, a
 * number too long for a {@code long}, a redirect to a plain-http host. One connection at a time.
 */
public final class RawHttpServer implements AutoCloseable {

    /** One request as the server read it. */
    public record Request(String method, String path, Map<String, String> headers) {
        /** @return the Range header, or null */
        public String range() {
            return headers.get("range");
        }
    }

    /** Writes a whole answer (status line, headers, body) for a request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request what was asked
         * @param out the connection; closed after the handler returns
         * @throws IOException when the client went away
         */
        void answer(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Thread thread;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private volatile Handler handler;

    /**
     * Starts listening on a free loopback port.
     *
     * @param handler the answers
     * @throws IOException when it cannot
     */
    public RawHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::loop, "raw-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return {@code http://127.0.0.1:port} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** @param path an absolute path, e.g. {@code /f.bin} @return its URL */
    public URI url(String path) {
        return URI.create(base() + path);
    }

    /** @return the requests seen so far */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** @return body bytes the handlers reported with {@link #body} */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    /**
     * Writes a status line and headers.
     *
     * @param out the connection
     * @param status e.g. {@code 200 OK}
     * @param headers header lines, e.g. {@code Content-Length: 5}
     * @throws IOException when the client went away
     */
    public static void head(OutputStream out, String status, String... headers) throws IOException {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes {@code count} body bytes (all 'x'), counting them.
     *
     * @param out the connection
     * @param count how many
     * @throws IOException when the client went away (the bytes written until then are counted)
     */
    public void body(OutputStream out, long count) throws IOException {
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, (byte) 'x');
        long left = count;
        while (left > 0) {
            int n = (int) Math.min(block.length, left);
            out.write(block, 0, n);
            bodyBytesSent.addAndGet(n);
            left -= n;
        }
        out.flush();
    }

    private void loop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                Request r = read(s.getInputStream());
                if (r == null) {
                    continue;
                }
                requests.add(r);
                OutputStream out = s.getOutputStream();
                try {
                    handler.answer(r, out);
                    out.flush();
                } catch (IOException e) {
                    // the client hung up: expected when it refuses what it is sent
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (l.isEmpty()) {
                    break;
                }
                lines.add(l);
            } else {
                line.write(c);
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        String[] first = lines.get(0).split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(
                        l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        l.substring(colon + 1).trim());
            }
        }
        return new Request(first[0], first.length > 1 ? first[1] : "/", headers);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}

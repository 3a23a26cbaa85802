package studio.catdog.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a request it cannot parse, a header too large, a failure outside Javalin) as
 * {@code {"error": "..."}} with the status's reason phrase: never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        if (request.getAttribute(ERROR_STATUS) instanceof Integer status) {
            code = status;
        }
        if (code < 400) {
            code = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
        return true;
    }

    private static byte[] body(int code) {
        String reason = HttpStatus.getMessage(code);
        return ServeJson.error(reason == null ? "HTTP " + code : reason).getBytes(StandardCharsets.UTF_8);
    }
}

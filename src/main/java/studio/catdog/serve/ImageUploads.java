package studio.catdog.serve;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Reads the images of a {@code POST /predict}: the body with a size limit, and for
 * {@code multipart/form-data} every part that is a file, in order. Everything stays in memory (the limit
 * bounds it); nothing is written to disk.
 */
final class ImageUploads {

    private ImageUploads() {}

    /**
     * @param contentType the request's {@code Content-Type}, or null
     * @return whether it is a multipart form
     * @throws ApiException 415 for a type that is neither an image, raw bytes nor a multipart form
     */
    static boolean isMultipart(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false; // raw bytes without a type: the decoder finds the format
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("multipart/form-data")) {
            return true;
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            return false;
        }
        throw new ApiException(
                415,
                "Content-Type " + type + " is not accepted: send the image's bytes as image/* or "
                        + "application/octet-stream, or several files as multipart/form-data.");
    }

    /**
     * Reads the body, refusing it as soon as it is longer than the limit (a declared length is checked
     * before anything is read).
     *
     * @param declaredLength the {@code Content-Length}, or -1 when not sent
     * @param in the body
     * @param limit the most bytes accepted
     * @return the body
     * @throws ApiException 413 when too large, 400 when empty, 408 when the body stops arriving
     */
    static byte[] readBody(long declaredLength, InputStream in, long limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try {
            body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
        } catch (IOException e) {
            throw new ApiException(408, "The request body did not arrive in time, or the connection broke.");
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        if (body.length == 0) {
            throw new ApiException(400, "The request has no body: send the image's bytes.");
        }
        return body;
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "The request is larger than " + megabytes(limit) + " (the server's limit).");
    }

    private static String megabytes(long bytes) {
        return bytes % 1_000_000 == 0 ? (bytes / 1_000_000) + " MB" : bytes + " bytes";
    }

    /**
     * The files of a multipart form, in order, read into memory (the server's multipart limits keep them
     * there and bound their size). Parts that are not files (no file name) are ignored.
     *
     * @param ctx the request
     * @param limit the most bytes the whole request may have
     * @param maxFiles the most files accepted
     * @return the files
     * @throws ApiException 400 when the form is broken or has no file, 413 when it is too large or has too
     *     many files, 408 when it stops arriving
     */
    static List<ImageUpload> multipart(Context ctx, long limit, int maxFiles) {
        List<UploadedFile> parts;
        try {
            parts = ctx.uploadedFiles();
        } catch (Exception e) { // Javalin passes the servlet layer's checked exceptions through unchecked
            throw multipartFailure(e, limit);
        }
        if (parts.size() > maxFiles) {
            throw new ApiException(413, "More than " + maxFiles + " files in one request (the server's limit).");
        }
        List<ImageUpload> files = new ArrayList<>(parts.size());
        for (UploadedFile part : parts) {
            byte[] bytes;
            try (InputStream in = part.content()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new ApiException(408, "The request body did not arrive in time, or the connection broke.");
            }
            String name = part.filename() == null || part.filename().isBlank()
                    ? "file " + (files.size() + 1)
                    : part.filename();
            files.add(new ImageUpload(name, bytes));
        }
        if (files.isEmpty()) {
            throw new ApiException(400, "The multipart/form-data request has no file: send each image as a file part.");
        }
        return files;
    }

    /** Jetty reports a form over the limits, a broken one and a stalled one alike, as exceptions with causes. */
    private static ApiException multipartFailure(Exception e, long limit) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof HttpException h && h.getCode() == 413
                    || m.contains("exceeds")
                    || m.contains("too large")
                    || m.contains("max length")) {
                return tooLarge(limit);
            }
            if (t instanceof TimeoutException || t instanceof EofException) {
                return new ApiException(408, "The request body did not arrive in time, or the connection broke.");
            }
        }
        return new ApiException(400, "The multipart/form-data request is broken: " + reason(e));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? "it cannot be parsed" : m;
    }
}

package dev.switchboard.local.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/1.1 request written out byte for byte, so a test sends exactly the bad input it names: a client library
 * would refuse or repair much of it (a NUL in a header, a broken escape, a wrong Content-Length).
 */
public final class HttpCall {

    public static final String JSON = "application/json";
    private static final int CHUNK = 1024 * 1024;

    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String contentType;
    private byte[] rawHeaderSection;
    private Long declaredLength;
    private boolean chunked;
    private boolean noHost;

    private HttpCall(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public static HttpCall get(String target) {
        return new HttpCall("GET", target);
    }

    public static HttpCall request(String method, String target) {
        return new HttpCall(method, target);
    }

    /** A POST of a JSON body, encoded as UTF-8. */
    public static HttpCall post(String target, String json) {
        return new HttpCall("POST", target).body(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    public static HttpCall put(String target, String json) {
        return new HttpCall("PUT", target).body(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** Text, then raw bytes (an encoding error, say), then text, as one UTF-8 body. */
    public static byte[] utf8Around(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code count} short header lines, for {@link #rawHeaders}. */
    public static byte[] headerLines(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Many-").append(i).append(": ").append(i).append("\r\n");
        }
        return headers.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body as these bytes, sent with this Content-Type, or with none when it is null. */
    public HttpCall body(byte[] bytes, String type) {
        this.body = bytes;
        this.contentType = type;
        return this;
    }

    public HttpCall header(String name, String value) {
        headers.add(new String[] { name, value });
        return this;
    }

    public HttpCall bearer(String key) {
        return header("Authorization", "Bearer " + key);
    }

    /** A Content-Length other than the body's own, to declare a body that is never sent. */
    public HttpCall contentLength(long length) {
        this.declaredLength = length;
        return this;
    }

    /** Leaves out the Host header, which HTTP/1.1 requires. */
    public HttpCall withoutHost() {
        this.noHost = true;
        return this;
    }

    /** Sends the body in 1 MB chunks, with no Content-Length to check it against beforehand. */
    public HttpCall chunked() {
        this.chunked = true;
        return this;
    }

    /** Extra header lines written as they are (ISO-8859-1), after the others: for header sections no API would build. */
    public HttpCall rawHeaders(byte[] section) {
        this.rawHeaderSection = section;
        return this;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public byte[] body() {
        return body;
    }

    /** The bytes on the wire; the connection is closed after the answer, so every call stands alone. */
    public byte[] bytes(int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!noHost) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (declaredLength != null) {
            head.append("Content-Length: ").append(declaredLength).append("\r\n");
        } else if (body.length > 0 || "POST".equals(method) || "PUT".equals(method)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (rawHeaderSection != null) {
            out.writeBytes(rawHeaderSection);
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (!chunked) {
            out.writeBytes(body);
            return out.toByteArray();
        }
        for (int at = 0; at < body.length; at += CHUNK) {
            int size = Math.min(CHUNK, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}

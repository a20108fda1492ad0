package dev.switchboard.local.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The bad inputs every route shares: what the HTTP server refuses (an over-long request line, header floods, a broken
 * %-escape), and JSON bodies that cannot be read (too deep, too large, not UTF-8, not JSON at all).
 */
public final class CommonBadInputs {

    private CommonBadInputs() {
    }

    /**
     * Requests refused on the HTTP layer. Header floods up to the HTTP server's own limit and a missing Host header reach
     * the service's router, and are answered in the error shape. The rest are refused before any of the service's code
     * runs, with a bare status: Vert.x's decoder refuses the over-long request line, a header section past its own limit
     * and malformed header lines, and Quarkus's root handler a target that is not a valid URI. Neither offers a hook to
     * answer them otherwise.
     */
    public static List<BadInput> httpLayer(String path, UnaryOperator<HttpCall> prepare) {
        return List.of(
                BadInput.of("GET " + path + ": a request line over 4 KB",
                        prepare.apply(HttpCall.get(path + "?padding=" + "a".repeat(5000)))).bare(414),
                BadInput.of("GET " + path + ": a header section of 1 MB",
                        prepare.apply(HttpCall.get(path)).header("X-Big", "a".repeat(1024 * 1024))).status(431),
                BadInput.of("GET " + path + ": 10,000 headers",
                        prepare.apply(HttpCall.get(path)).rawHeaders(HttpCall.headerLines(10_000))).status(431),
                BadInput.of("GET " + path + ": a header section past the HTTP server's own limit (3 MB)",
                        prepare.apply(HttpCall.get(path)).header("X-Big", "a".repeat(3 * 1024 * 1024))).bare(431),
                BadInput.of("GET " + path + ": two different Content-Lengths", prepare.apply(HttpCall.get(path))
                        .rawHeaders("Content-Length: 0\r\nContent-Length: 3\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                        .bare(400),
                BadInput.of("GET " + path + ": a header value with a NUL byte", prepare.apply(HttpCall.get(path))
                        .rawHeaders("X-Bad: a\u0000b\r\n".getBytes(StandardCharsets.ISO_8859_1))).bare(400),
                BadInput.of("GET " + path + ": a header name with a space", prepare.apply(HttpCall.get(path))
                        .rawHeaders("Bad Name: a\r\n".getBytes(StandardCharsets.ISO_8859_1))).bare(400),
                BadInput.of("GET " + path + ": a broken %-escape in the path", prepare.apply(HttpCall.get(path + "/%G1")))
                        .bare(400),
                BadInput.of("GET " + path + ": a '|' in the path", prepare.apply(HttpCall.get(path + "|x"))).bare(400),
                BadInput.of("GET " + path + ": no Host header", prepare.apply(HttpCall.get(path)).withoutHost()));
    }

    /**
     * JSON bodies that cannot be read, sent to a route that takes JSON: {@code send} makes the call for a body's
     * bytes (with its credentials). {@code maxBody} is the route's {@code quarkus.http.limits.max-body-size}.
     */
    public static List<BadInput> unreadableJson(String route, Function<byte[], HttpCall> send, int maxBody) {
        return List.of(
                BadInput.of(route + ": malformed JSON", send.apply(utf8("{\"model\": \"x\", \"messages\": ["))),
                BadInput.of(route + ": JSON nested 100,000 levels deep",
                        send.apply(utf8("[".repeat(100_000) + "]".repeat(100_000)))),
                BadInput.of(route + ": objects nested 100,000 levels deep",
                        send.apply(utf8("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)))),
                BadInput.of(route + ": a single string just under the body-size limit",
                        send.apply(utf8("\"" + "a".repeat(maxBody - 100) + "\""))),
                BadInput.of(route + ": invalid UTF-8 (a 0xFF byte)", send.apply(inString(0xFF))),
                BadInput.of(route + ": an overlong UTF-8 encoding of '/'", send.apply(inString(0xC0, 0xAF))),
                BadInput.of(route + ": an overlong three-byte encoding of '/'", send.apply(inString(0xE0, 0x80, 0xAF))),
                BadInput.of(route + ": a UTF-8 encoded surrogate", send.apply(inString(0xED, 0xA0, 0x80))),
                BadInput.of(route + ": a code point beyond U+10FFFF", send.apply(inString(0xF4, 0x90, 0x80, 0x80))),
                BadInput.of(route + ": a character cut off at the end", send.apply(Arrays.copyOf(inString(0xE2, 0x82, 0xAC),
                        8))),
                BadInput.of(route + ": two JSON objects", send.apply(utf8("{\"a\":\"1\"}{\"a\":\"2\"}"))),
                BadInput.of(route + ": trailing garbage", send.apply(utf8("{\"a\":\"1\"} garbage"))),
                BadInput.of(route + ": a comment in the JSON", send.apply(utf8("{/* note */\"a\":\"1\"}"))),
                BadInput.of(route + ": single quotes", send.apply(utf8("{'a':'1'}"))),
                BadInput.of(route + ": a raw control character in a string", send.apply(utf8("{\"a\":\"x\u0001y\"}"))),
                BadInput.of(route + ": the body as text/plain",
                        send.apply(utf8("{\"a\":\"1\"}")).body(utf8("{\"a\":\"1\"}"), "text/plain")).status(415)
                        .code("unsupported_media_type"),
                BadInput.of(route + ": a declared body over the size limit", send.apply(new byte[0])
                        .contentLength(maxBody + 1L)).status(413),
                // The REST layer's reader answers a chunked body past the limit itself, bare, as it finds out.
                BadInput.of(route + ": a chunked body over the size limit", send.apply(oversized(maxBody)).chunked())
                        .bare(413));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {"a":"x<bytes>y"}. */
    private static byte[] inString(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return HttpCall.utf8Around("{\"a\":\"x", raw, "y\"}");
    }

    /** A JSON string one byte over the limit. */
    private static byte[] oversized(int maxBody) {
        byte[] body = new byte[maxBody + 1];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[maxBody] = '"';
        return body;
    }
}

package dev.switchboard.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/** What the client gets for a chat completion call: a status, headers, and a body that may be a stream. */
public record RouterAnswer(int status, Map<String, List<String>> headers, Multi<Buffer> body) {

    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";

    public static RouterAnswer json(int status, Map<String, String> headers, byte[] body) {
        return new RouterAnswer(status, withContentType(headers, JSON), Multi.createFrom().item(Buffer.buffer(body)));
    }

    public static RouterAnswer stream(Map<String, String> headers, Multi<Buffer> events) {
        Map<String, List<String>> all = withContentType(headers, EVENT_STREAM);
        all.put("Cache-Control", List.of("no-cache"));
        return new RouterAnswer(200, all, events);
    }

    private static Map<String, List<String>> withContentType(Map<String, String> headers, String contentType) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Content-Type", List.of(contentType));
        return all;
    }
}

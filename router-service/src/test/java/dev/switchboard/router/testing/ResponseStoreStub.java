package dev.switchboard.router.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The registry's store of responses, in memory, as router tests need it: one key's responses, found by that key only.
 * The registry's own tests prove the real thing in PostgreSQL, with its retention.
 */
public final class ResponseStoreStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> STORED = new ConcurrentHashMap<>();

    private ResponseStoreStub() {
    }

    static void handle(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/responses/".length());
        String query = exchange.getRequestURI().getRawQuery();
        String key = query == null ? null
                : URLDecoder.decode(query.replaceFirst("^.*apiKeyId=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
        JsonNode stored = STORED.get(id);
        boolean owned = stored != null && stored.path("apiKeyId").asText().equals(key);
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                STORED.put(id, JSON.readTree(exchange.getRequestBody()));
                answer(exchange, 204, null);
            }
            case "GET" -> answer(exchange, owned ? 200 : 404, owned ? JSON.writeValueAsBytes(stored) : null);
            case "DELETE" -> {
                if (owned) {
                    STORED.remove(id);
                }
                answer(exchange, owned ? 204 : 404, null);
            }
            default -> answer(exchange, 405, null);
        }
    }

    /** Stores a response to one user turn, made by {@code model} for the key, as a router would have stored it. */
    public static void keep(String id, String apiKeyId, String model) {
        ObjectNode stored = JSON.createObjectNode().put("apiKeyId", apiKeyId);
        stored.putObject("response").put("id", id).put("object", "response").put("model", model).putArray("output");
        stored.putArray("inputItems");
        stored.putArray("conversation").addObject().put("role", "user").put("content", "an earlier turn");
        STORED.put(id, stored);
    }

    /** Whether a response with this id is stored, for any key. */
    public static boolean holds(String id) {
        return STORED.containsKey(id);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

package dev.switchboard.registry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An in-JVM HTTP server standing in for telemetry ({@code GET /telemetry/latency}, any other route a 404) and the
 * provider adapters ({@code GET /providers/{provider}/models}). Tests set what it answers; unset providers get the
 * adapters' 404.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    public static final String NO_STATS = "{\"since\":\"2026-01-01T00:00:00Z\",\"minutes\":1440,\"models\":[]}";

    private static final Map<String, Answer> ADAPTER_ANSWERS = new ConcurrentHashMap<>();
    private static volatile Answer telemetryAnswer = new Answer(200, NO_STATS);
    /** The {@code Authorization} header of the last call to each stubbed service, "telemetry" or "adapters". */
    public static final Map<String, String> LAST_AUTHORIZATION = new ConcurrentHashMap<>();
    /** The path and query of the last call to telemetry, whatever its route. */
    public static volatile String lastTelemetryCall;

    private HttpServer server;

    /** A canned status and body. */
    public record Answer(int status, String body) {
    }

    public static void telemetryAnswers(int status, String body) {
        telemetryAnswer = new Answer(status, body);
    }

    public static void adapterLists(String provider, String... modelIds) {
        StringBuilder data = new StringBuilder();
        for (String id : modelIds) {
            data.append(data.isEmpty() ? "" : ",").append("{\"id\":\"").append(id)
                    .append("\",\"object\":\"model\",\"owned_by\":\"").append(provider).append("\"}");
        }
        ADAPTER_ANSWERS.put(provider, new Answer(200, "{\"object\":\"list\",\"data\":[" + data + "]}"));
    }

    public static void adapterAnswers(String provider, int status, String body) {
        ADAPTER_ANSWERS.put(provider, new Answer(status, body));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/telemetry", exchange -> {
            remember("telemetry", exchange);
            lastTelemetryCall = exchange.getRequestURI().toString();
            boolean latency = "/telemetry/latency".equals(exchange.getRequestURI().getPath());
            respond(exchange, latency ? telemetryAnswer
                    : new Answer(404, "{\"error\":{\"message\":\"no such route\","
                            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"not_found\"}}"));
        });
        server.createContext("/providers/", exchange -> {
            remember("adapters", exchange);
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String provider = parts.length > 2 ? parts[2] : "";
            respond(exchange, ADAPTER_ANSWERS.getOrDefault(provider, new Answer(404,
                    "{\"error\":{\"message\":\"provider " + provider + " is not served here\",\"type\":"
                            + "\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}")));
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.telemetry.url", url, "switchboard.registry.adapters-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void remember(String service, HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        LAST_AUTHORIZATION.put(service, authorization == null ? "none" : authorization);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

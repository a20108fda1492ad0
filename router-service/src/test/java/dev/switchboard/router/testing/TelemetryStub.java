package dev.switchboard.router.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/**
 * Telemetry's {@code GET /telemetry/latency} in its answer's shape, with figures for models no test catalog holds, so
 * that routing elsewhere keeps its latency tiers; any other route is a 404.
 */
public final class TelemetryStub {

    /** The latency read's answer: {@code stub/measured} well measured, {@code stub/untimed} with answers but no latency. */
    static final String LATENCY = """
            {"since":"2026-12-06T10:00:00Z","minutes":60,"models":[
              {"provider":"stub","model":"measured","successes":12,"timedAttempts":14,"latencyP50Ms":321.5,
               "latencyP95Ms":900.0,"latencyP99Ms":1200.0},
              {"provider":"stub","model":"untimed","successes":30,"timedAttempts":0,"latencyP50Ms":null,
               "latencyP95Ms":null,"latencyP99Ms":null}]}
            """;

    /** The query of the last latency read. */
    public static volatile String lastQuery;

    private TelemetryStub() {
    }

    static void handle(HttpExchange exchange) throws IOException {
        boolean latency = "GET".equals(exchange.getRequestMethod())
                && "/telemetry/latency".equals(exchange.getRequestURI().getPath());
        if (latency) {
            lastQuery = exchange.getRequestURI().getRawQuery();
        }
        byte[] body = (latency ? LATENCY : "{\"error\":{\"message\":\"no such route\"}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(latency ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

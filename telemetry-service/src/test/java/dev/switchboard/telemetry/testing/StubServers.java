package dev.switchboard.telemetry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One in-JVM HTTP server standing in for the registry ({@code /models}, {@code /prices}, {@code /prices/drift},
 * {@code /governance/spend}) and for an alert webhook
 * receiver ({@code /hooks/alerts}), steered by the tests over HTTP ({@code /__stub/...}) so that no state crosses class
 * loaders.
 * The receiver answers 500 to the first delivery of each alert change, so that every delivery needs a retry.
 */
public class StubServers implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> models = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<String> registryPaths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> drifts = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    /** The settled spend by scope that {@code /governance/spend} answers, and the status it answers with. */
    private final Map<String, JsonNode> settled = new ConcurrentHashMap<>();
    private volatile int spendStatus = 200;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("stub server did not start", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/models", this::registry);
        server.createContext("/prices", this::priceChanges);
        server.createContext("/prices/drift", exchange -> respond(exchange, 200, JSON.valueToTree(new ArrayList<>(drifts))));
        server.createContext("/governance/spend", exchange -> respond(exchange, spendStatus, spendStatus == 200
                ? JSON.valueToTree(new ArrayList<>(settled.values()))
                : JSON.createObjectNode().put("error", "stubbed failure")));
        server.createContext("/hooks/alerts", this::webhook);
        server.createContext("/__stub", this::control);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.registry.url", base,
                "switchboard.telemetry.alerts.webhooks", base + "/hooks/alerts",
                "stub.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        registryPaths.add(path);
        if (path.equals("/models")) {
            ArrayNode data = JSON.createArrayNode();
            models.values().forEach(data::add);
            respond(exchange, 200, JSON.createObjectNode().put("page", 0).put("size", 1000).put("total", data.size())
                    .set("data", data));
            return;
        }
        String id = URI.create(path).getPath().substring("/models/".length());
        Integer failure = failures.get(id);
        if (failure != null) {
            respond(exchange, failure, JSON.createObjectNode().put("error", "stubbed failure"));
        } else if (models.containsKey(id)) {
            respond(exchange, 200, models.get(id));
        } else {
            respond(exchange, 404, JSON.createObjectNode().putObject("error").put("message", "no model " + id));
        }
    }

    /** {@code GET /prices?since=}: the price rows of the registered models set at or after then, oldest first. */
    private void priceChanges(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        Instant since = Instant.parse(query.substring(query.indexOf("since=") + "since=".length()));
        List<ObjectNode> changes = new ArrayList<>();
        for (JsonNode model : models.values()) {
            for (JsonNode price : model.path("priceHistory")) {
                if (!price.hasNonNull("setAt")) {
                    continue;
                }
                Instant setAt = Instant.parse(price.path("setAt").asText());
                if (!setAt.isBefore(since)) {
                    ObjectNode change = JSON.createObjectNode()
                            .put("id", model.path("id").asText() + "@" + setAt + "@" + price.path("effectiveFrom").asText())
                            .put("provider", model.path("provider").asText())
                            .put("modelId", model.path("modelId").asText());
                    change.set("price", price);
                    changes.add(change);
                }
            }
        }
        changes.sort(Comparator.comparing(change -> Instant.parse(change.path("price").path("setAt").asText())));
        respond(exchange, 200, JSON.valueToTree(changes));
    }

    private void webhook(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(read(exchange.getRequestBody()));
        String change = body.path("alert").path("id").asText() + "/" + body.path("status").asText();
        boolean first = refusedOnce.add(change);
        ObjectNode delivery = JSON.createObjectNode().put("answered", first ? 500 : 200);
        delivery.set("body", body);
        deliveries.add(delivery);
        respond(exchange, first ? 500 : 200, JSON.createObjectNode().put("ok", !first));
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/__stub/models") && method.equals("PUT")) {
            JsonNode model = JSON.readTree(read(exchange.getRequestBody()));
            String id = model.path("provider").asText() + "/" + model.path("modelId").asText();
            models.put(id, model);
            failures.remove(id);
            respond(exchange, 200, model);
        } else if (path.equals("/__stub/drifts") && method.equals("PUT")) {
            JsonNode drift = JSON.readTree(read(exchange.getRequestBody()));
            drifts.add(drift);
            respond(exchange, 200, drift);
        } else if (path.equals("/__stub/failures") && method.equals("PUT")) {
            JsonNode failure = JSON.readTree(read(exchange.getRequestBody()));
            failures.put(failure.path("id").asText(), failure.path("status").asInt());
            respond(exchange, 200, failure);
        } else if (path.equals("/__stub/spend") && method.equals("PUT")) {
            JsonNode spend = JSON.readTree(read(exchange.getRequestBody()));
            settled.put(spend.path("scope").asText(), spend);
            respond(exchange, 200, spend);
        } else if (path.equals("/__stub/spend-status") && method.equals("PUT")) {
            spendStatus = JSON.readTree(read(exchange.getRequestBody())).path("status").asInt();
            respond(exchange, 200, JSON.createObjectNode().put("status", spendStatus));
        } else if (path.equals("/__stub/requests")) {
            respond(exchange, 200, JSON.valueToTree(new ArrayList<>(registryPaths)));
        } else if (path.equals("/__stub/deliveries")) {
            respond(exchange, 200, JSON.valueToTree(new ArrayList<>(deliveries)));
        } else {
            respond(exchange, 404, JSON.createObjectNode().put("error", "no such stub route"));
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}

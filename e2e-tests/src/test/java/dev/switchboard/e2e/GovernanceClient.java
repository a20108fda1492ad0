package dev.switchboard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.local.Stack;

/**
 * What {@link GovernanceIT} does over HTTP: the registry's admin API with the admin key, chat calls on either router
 * replica with a managed key, and the spend as the registry and telemetry's export record it.
 */
final class GovernanceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A managed key: its id and its secret, shown once. */
    record Key(String id, String secret) {
    }

    /** A call's status (0 when the connection broke) and the error's {@code code}, if any. */
    record Answer(int status, String errorCode) {
    }

    /** A whole answer: status, headers and body. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Stack stack;
    private final List<String> routers;
    /** Every managed key's secret made here, to look for where it must never appear. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    GovernanceClient(Stack stack) {
        this.stack = stack;
        this.routers = List.of(stack.parts().get(Stack.ROUTER), stack.parts().get(Stack.ROUTER + "-2"));
    }

    String router(int replica) {
        return routers.get(replica);
    }

    /** Creates a key with this body and returns once every replica still running knows it. */
    Key createKey(String body) throws Exception {
        HttpResponse<String> created = admin("POST", "/admin/keys", body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the key was not created: " + created.statusCode() + " " + created.body());
        }
        JsonNode key = JSON.readTree(created.body());
        Key made = new Key(key.path("id").asText(), key.path("key").asText());
        secrets.add(made.secret());
        List<String> running = List.of(Stack.ROUTER, Stack.ROUTER + "-2").stream()
                .filter(replica -> stack.service(replica).isAlive()).map(replica -> stack.parts().get(replica)).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (String router : running) {
                if (keyInfo(router, made.secret()) != 200) {
                    return false;
                }
            }
            return true;
        });
        return made;
    }

    int revoke(String id) throws Exception {
        return admin("DELETE", "/admin/keys/" + id, null).statusCode();
    }

    /** Changes a key ({@code PATCH /admin/keys/{id}}); returns the status. */
    int patchKey(String id, String body) throws Exception {
        return admin("PATCH", "/admin/keys/" + id, body).statusCode();
    }

    List<String> secrets() {
        return List.copyOf(secrets);
    }

    /** A POST of this JSON body to a path of a router replica with this key, answered whole. */
    Reply post(String router, String secret, String path, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(router + path))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(answer.statusCode(), answer.headers(), answer.body());
    }

    /** A GET of telemetry's with the operations key; its body, which must be a 200. */
    String telemetry(String pathAndQuery) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.parts().get(Stack.TELEMETRY)
                + pathAndQuery)).header("Authorization", "Bearer " + stack.settings().opsKey())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(pathAndQuery + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /** The status of {@code GET /v1/key} on a replica with this key. */
    int keyInfo(String router, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router + "/v1/key")).header("Authorization", "Bearer " + secret)
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A chat call; {@code maxTokens} and {@code user} are left out when null. */
    CompletableFuture<Answer> chat(String router, String secret, String model, String prompt, Integer maxTokens,
            String user) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        if (user != null) {
            body.put("user", user);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(router + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                return new Answer(0, failure.toString());
            }
            return new Answer(response.statusCode(), errorCode(response.body()));
        });
    }

    /** The model's current price in the registry's catalog. */
    JsonNode price(String model) throws Exception {
        HttpResponse<String> found = admin("GET", "/models/" + model, null);
        JsonNode price = JSON.readTree(found.body()).path("price");
        if (found.statusCode() != 200 || !price.isObject()) {
            throw new IllegalStateException(model + " has no price in the catalog: " + found.body());
        }
        return price;
    }

    /** The key's spend as the registry records it ({@code GET /admin/keys/{id}}). */
    BigDecimal recordedSpend(String id) throws Exception {
        HttpResponse<String> key = admin("GET", "/admin/keys/" + id, null);
        return JSON.readTree(key.body()).path("spendUsd").decimalValue();
    }

    /**
     * The cost of the key's calls in telemetry's export, once it holds {@code successes} successful calls of the key;
     * null until then.
     */
    BigDecimal exportedSpend(String keyId, long successes) throws Exception {
        HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create(stack.parts().get(Stack.TELEMETRY)
                + "/telemetry/export?format=ndjson")).header("Authorization", "Bearer " + stack.settings().opsKey())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (export.statusCode() != 200) {
            throw new IOException("telemetry's export answered " + export.statusCode() + ": " + export.body());
        }
        BigDecimal spend = BigDecimal.ZERO;
        long succeeded = 0;
        for (String line : export.body().split("\n")) {
            JsonNode row = line.isBlank() ? null : JSON.readTree(line);
            if (row != null && keyId.equals(row.path("api_key_id").asText())) {
                succeeded += "success".equals(row.path("outcome").asText()) ? 1 : 0;
                spend = row.path("cost_usd").isNumber() ? spend.add(row.path("cost_usd").decimalValue()) : spend;
            }
        }
        return succeeded == successes ? spend : null;
    }

    /**
     * What the registry counts as held by every lease on the key's budget but the caller's, less what it has seen spent
     * under them: the key's budget minus its spend minus what is available, as a lease request that takes nothing and
     * gives back at once (with the operations key, as a router replica asks) is told.
     */
    BigDecimal heldByLeases(String keyId) throws Exception {
        String body = "{\"holder\":\"probe-" + UUID.randomUUID() + "\",\"callTimeoutMs\":0,\"scopes\":[{\"scope\":\"key:"
                + keyId + "\",\"budget\":{\"held\":0,\"want\":0},\"release\":true}]}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.parts().get(Stack.REGISTRY)
                + "/governance/leases")).header("Authorization", "Bearer " + stack.settings().opsKey())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode budget = JSON.readTree(answer.body()).path("scopes").path(0).path("budget");
        if (answer.statusCode() != 200 || !budget.isObject()) {
            throw new IOException("the registry's lease API answered " + answer.statusCode() + ": " + answer.body());
        }
        return budget.path("limit").decimalValue().subtract(budget.path("spentUsd").decimalValue())
                .subtract(budget.path("availableUsd").decimalValue());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.parts().get(Stack.REGISTRY) + path))
                .header("Authorization", "Bearer " + stack.settings().adminKey())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(String body) {
        try {
            return JSON.readTree(body).path("error").path("code").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.switchboard.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Telemetry's stored usage rows since an instant, by request id and attempt. */
final class UsageLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How often each attempt of each request was stored, and how many of a request's rows say success. */
    private final Map<String, Map<Integer, Integer>> rows = new HashMap<>();
    private final Map<String, Integer> successes = new HashMap<>();
    /** How many attempts failed, by provider and error class ("openai timeout"). */
    private final Map<String, Integer> failures = new HashMap<>();

    private UsageLedger() {
    }

    /** Reads the export of telemetry at this base URL (NDJSON, one row per attempt) with the operations key. */
    static UsageLedger read(String telemetry, String opsKey, Instant since) throws IOException, InterruptedException {
        String url = telemetry + "/telemetry/export?format=ndjson&from="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + opsKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("telemetry export answered " + response.statusCode() + ": " + response.body());
        }
        UsageLedger ledger = new UsageLedger();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                String requestId = row.path("request_id").asText();
                ledger.rows.computeIfAbsent(requestId, id -> new HashMap<>()).merge(row.path("attempt").asInt(), 1,
                        Integer::sum);
                if ("success".equals(row.path("outcome").asText())) {
                    ledger.successes.merge(requestId, 1, Integer::sum);
                } else if (row.hasNonNull("error_class")) {
                    ledger.failures.merge(row.path("provider").asText() + " " + row.path("error_class").asText(), 1,
                            Integer::sum);
                }
            }
        }
        return ledger;
    }

    /** How many attempts at this provider failed with this error class ({@code timeout}, {@code rate_limited}...). */
    int failures(String provider, String errorClass) {
        return failures.getOrDefault(provider + " " + errorClass, 0);
    }

    /** Answered calls with an attempt the router reported but telemetry has not stored (yet). */
    long missing(List<CallOutcome> calls) {
        return calls.stream().filter(call -> call.kind() == CallOutcome.Kind.ANSWERED).filter(call -> {
            Map<Integer, Integer> stored = rows.getOrDefault(call.requestId(), Map.of());
            for (int attempt = 1; attempt <= call.attempts(); attempt++) {
                if (!stored.containsKey(attempt)) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    /** Calls with an attempt stored more than once. */
    long duplicated(List<CallOutcome> calls) {
        return calls.stream().filter(call -> call.requestId() != null)
                .filter(call -> rows.getOrDefault(call.requestId(), Map.of()).values().stream().anyMatch(n -> n > 1))
                .count();
    }

    /** Calls the provider answered more than once (more than one successful attempt stored). */
    long answeredTwice(List<CallOutcome> calls) {
        return calls.stream().filter(call -> call.requestId() != null)
                .filter(call -> successes.getOrDefault(call.requestId(), 0) > 1).count();
    }
}

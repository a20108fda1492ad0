package dev.switchboard.router.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;

/**
 * The registry's lease API for one holder, as router tests need it: it grants what is asked within each scope's
 * limits (those the test registers), counting request and token grants over the last 60 s. The registry's own tests
 * prove the real thing across holders; this stub only lets the router's enforcement be driven through its answers.
 */
public final class LeaseStub {

    /** The limits of each scope, as the registry holds them. */
    public static final Map<String, KeyState.Limits> LIMITS = new ConcurrentHashMap<>();
    /** Spend the registry has seen, per scope. */
    public static final Map<String, BigDecimal> SPEND = new ConcurrentHashMap<>();
    public static final AtomicInteger REQUESTS = new AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Map<String, BigDecimal> GRANTED = new ConcurrentHashMap<>();
    private static final Map<String, Deque<long[]>> PERMITS = new ConcurrentHashMap<>();
    private static final AtomicInteger GRANT_IDS = new AtomicInteger();

    private LeaseStub() {
    }

    static synchronized void handle(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ObjectNode response = JSON.createObjectNode().put("ttlMs", 10_000);
        ArrayNode scopes = response.putArray("scopes");
        for (JsonNode ask : request.path("scopes")) {
            String scope = ask.path("scope").asText();
            KeyState.Limits limits = LIMITS.get(scope);
            ObjectNode answer = scopes.addObject().put("scope", scope).put("usable", limits != null);
            boolean release = ask.path("release").asBoolean(false);
            if (limits == null) {
                continue;
            }
            if (limits.maxBudgetUsd() != null && ask.has("budget")) {
                BigDecimal held = ask.at("/budget/held").decimalValue();
                BigDecimal want = release ? BigDecimal.ZERO : ask.at("/budget/want").decimalValue();
                BigDecimal spend = SPEND.getOrDefault(scope, BigDecimal.ZERO);
                BigDecimal granted = held.max(held.add(want).min(limits.maxBudgetUsd().subtract(spend)));
                GRANTED.put(scope, granted);
                Instant now = Instant.now();
                answer.putObject("budget").put("limit", limits.maxBudgetUsd()).put("periodStart",
                        limits.budgetPeriod().start(now).toString())
                        .put("resetsAt", limits.budgetPeriod() == BudgetPeriod.TOTAL ? null
                                : limits.budgetPeriod().reset(now).toString())
                        .put("granted", granted).put("spentUsd", spend)
                        .put("availableUsd", limits.maxBudgetUsd().subtract(spend).subtract(granted).max(BigDecimal.ZERO));
            }
            rate(answer, "requests", scope, limits.rpm() == null ? null : limits.rpm().longValue(), ask.get("requests"),
                    release);
            rate(answer, "tokens", scope, limits.tpm(), ask.get("tokens"), release);
            if (limits.maxParallel() != null && ask.has("parallel")) {
                int held = ask.at("/parallel/held").asInt();
                int want = release ? 0 : ask.at("/parallel/want").asInt();
                answer.putObject("parallel").put("limit", limits.maxParallel())
                        .put("granted", Math.max(held, Math.min(held + want, limits.maxParallel())));
            }
        }
        byte[] body = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void rate(ObjectNode answer, String kind, String scope, Long limit, JsonNode ask, boolean release) {
        if (limit == null || ask == null) {
            return;
        }
        Deque<long[]> log = PERMITS.computeIfAbsent(scope + "#" + kind, ignored -> new ArrayDeque<>());
        long now = System.currentTimeMillis();
        while (!log.isEmpty() && log.peekFirst()[0] < now - 60_000) {
            log.pollFirst();
        }
        for (JsonNode closed : ask.path("close")) {
            for (long[] grant : log) {
                if (grant[2] == closed.path("grant").asLong()) {
                    grant[1] = Math.min(grant[1], closed.path("used").asLong());
                }
            }
        }
        long live = log.stream().mapToLong(grant -> grant[1]).sum();
        long granted = release ? 0 : Math.max(0, Math.min(ask.path("want").asLong(), limit - live));
        ObjectNode rate = answer.putObject(kind).put("limit", limit).put("granted", granted);
        if (granted > 0) {
            long id = GRANT_IDS.incrementAndGet();
            log.addLast(new long[] { now, granted, id });
            rate.put("grant", id);
        }
        long remaining = Math.max(0, limit - live - granted);
        rate.put("remaining", remaining).put("resetMs", remaining > 0 || log.isEmpty() ? 0 : log.peekFirst()[0] + 60_000 - now);
    }

    /** Forgets every grant and spend, so one test's leases do not reach into the next. */
    public static synchronized void reset() {
        GRANTED.clear();
        PERMITS.clear();
        SPEND.clear();
    }
}

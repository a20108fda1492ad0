package dev.switchboard.telemetry.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.RouteInfo;
import dev.switchboard.contracts.UsageEvent;

/** Builds usage events for tests: a success of 100 ms with 10 input and 20 output tokens, now, unless told otherwise. */
public final class Event {

    private String requestId = "req-" + UUID.randomUUID();
    private int attempt = 1;
    private Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String provider;
    private final String model;
    private Outcome outcome = Outcome.SUCCESS;
    private ErrorClass errorClass;
    private String errorMessage;
    private long latencyMs = 100;
    private Long ttftMs;
    private long input = 10;
    private long output = 20;
    private long cached;
    private long reasoning;
    private long cacheWrite;
    private long cacheWrite1h;
    private String apiKeyId = "key-test";
    private RouteInfo route;
    private boolean cacheHit;
    private Attribution attribution;
    private Operation operation;

    private Event(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    public static Event of(String provider, String model) {
        return new Event(provider, model);
    }

    public Event requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public Event attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public Event at(Instant at) {
        this.at = at;
        return this;
    }

    public Event failed(ErrorClass errorClass, String message) {
        this.outcome = Outcome.ERROR;
        this.errorClass = errorClass;
        this.errorMessage = message;
        return this;
    }

    public Event expired() {
        this.outcome = Outcome.EXPIRED;
        return this;
    }

    public Event cancelled() {
        this.outcome = Outcome.CANCELLED;
        return this;
    }

    public Event latency(long latencyMs) {
        this.latencyMs = latencyMs;
        return this;
    }

    public Event ttft(long ttftMs) {
        this.ttftMs = ttftMs;
        return this;
    }

    public Event tokens(long input, long cached, long output) {
        this.input = input;
        this.cached = cached;
        this.output = output;
        return this;
    }

    /** Of the output tokens, those spent on reasoning. */
    public Event reasoning(long reasoning) {
        this.reasoning = reasoning;
        return this;
    }

    /** Of the input tokens, those written to the prompt cache, and of them those written for an hour. */
    public Event cacheWrites(long cacheWrite, long cacheWrite1h) {
        this.cacheWrite = cacheWrite;
        this.cacheWrite1h = cacheWrite1h;
        return this;
    }

    public Event route(String policy, String task, boolean fallback) {
        this.route = new RouteInfo(policy, task, List.of(provider + "/" + model), fallback, "test");
        return this;
    }

    public Event cacheHit() {
        this.cacheHit = true;
        return this;
    }

    /** Attributed to a managed key of a team, an end user and tags. */
    public Event attributed(String keyName, String teamId, String user, String... tags) {
        this.attribution = new Attribution(keyName, teamId, null, user, null, List.of(tags), null, null);
        return this;
    }

    /** Attributed as a router attributes a managed key's call: every field the contract has. */
    public Event attributed(Attribution attribution) {
        this.attribution = attribution;
        return this;
    }

    /** Made with this API key id (a managed key's id, or a static key's). */
    public Event key(String apiKeyId) {
        this.apiKeyId = apiKeyId;
        return this;
    }

    /** What the caller asked for; chat unless told. */
    public Event operation(Operation operation) {
        this.operation = operation;
        return this;
    }

    public UsageEvent build() {
        return UsageEvent.builder(requestId, attempt)
                .timestamp(at)
                .provider(provider)
                .model(model)
                .operation(operation)
                .outcome(outcome)
                .errorClass(errorClass)
                .errorMessage(errorMessage)
                .latencyMs(latencyMs)
                .timeToFirstTokenMs(ttftMs)
                .tokens(input, output, cached)
                .reasoningTokens(reasoning)
                .cacheWriteTokens(cacheWrite, cacheWrite1h)
                .apiKeyId(apiKeyId)
                .route(route)
                .cacheHit(cacheHit)
                .attribution(attribution)
                .build();
    }

    /** A provider or model name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

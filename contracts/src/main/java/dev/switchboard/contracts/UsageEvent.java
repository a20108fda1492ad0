package dev.switchboard.contracts;

import java.time.Instant;

/**
 * One attempt's usage on {@code switchboard.usage}, keyed by request id; (requestId, attempt) identifies it, so a
 * redelivered event can be stored once. {@code route} says how the model was chosen (null when not recorded);
 * {@code cacheHit} marks an answer served from the router's cache, which cost no provider tokens.
 */
public record UsageEvent(
        String requestId,
        int attempt,
        Instant timestamp,
        String provider,
        String model,
        Outcome outcome,
        ErrorClass errorClass,
        String errorMessage,
        long latencyMs,
        Long timeToFirstTokenMs,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        String apiKeyId,
        RouteInfo route,
        boolean cacheHit) {

    public UsageEvent(String requestId, int attempt, Instant timestamp, String provider, String model, Outcome outcome,
            ErrorClass errorClass, String errorMessage, long latencyMs, Long timeToFirstTokenMs, long inputTokens,
            long outputTokens, long cachedInputTokens, String apiKeyId) {
        this(requestId, attempt, timestamp, provider, model, outcome, errorClass, errorMessage, latencyMs,
                timeToFirstTokenMs, inputTokens, outputTokens, cachedInputTokens, apiKeyId, null, false);
    }
}

package dev.switchboard.contracts;

import java.time.Instant;

/**
 * One attempt's usage on {@code switchboard.usage}, keyed by request id; (requestId, attempt) identifies it, so a
 * redelivered event can be stored once.
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
        String apiKeyId) {
}

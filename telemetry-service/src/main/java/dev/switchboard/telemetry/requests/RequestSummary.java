package dev.switchboard.telemetry.requests;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One client call in the request log: when it started and how long it took (first attempt's start to last attempt's
 * end), how many attempts it took, the provider, model, outcome and error class of its last attempt, its tokens and
 * cost over every attempt, whether the router's cache answered it, who called (key, team, user, tags), the trace id
 * and the operation the caller asked for ({@code chat}, {@code responses}, {@code messages}, {@code embeddings}, ...).
 */
public record RequestSummary(String requestId, Instant startedAt, long latencyMs, int attempts, String provider,
        String model, String outcome, String errorClass, long inputTokens, long outputTokens, BigDecimal costUsd,
        boolean cacheHit, RequestCaller caller, String traceId, String operation) {
}

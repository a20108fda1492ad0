package dev.switchboard.telemetry.requests;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.AttemptTimings;

/**
 * One attempt of a call, as the request log keeps it: route, provider, model, outcome and error, the timings, tokens,
 * cost, and the masked bodies when the call's log was {@code full} (null otherwise, or once past their retention).
 */
public record AttemptRecord(int attempt, Instant startedAt, String provider, String model, String outcome,
        String errorClass, String errorMessage, long latencyMs, Long ttftMs, AttemptTimings timings, long inputTokens,
        long outputTokens, long cachedInputTokens, BigDecimal costUsd, String priceSource, boolean cacheHit,
        boolean fallback, String routePolicy, String routeTask, JsonNode request, JsonNode response) {
}

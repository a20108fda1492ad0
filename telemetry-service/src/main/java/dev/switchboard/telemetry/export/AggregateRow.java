package dev.switchboard.telemetry.export;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Usage summed per hour or UTC day, provider, model, API key (hashed), task and policy. Counts and cost come from the
 * rollups; percentiles from the raw events, null once those are past retention. The CSV header is this order; add
 * columns only at the end, as {@code cancelled} and the token kinds were.
 */
@JsonPropertyOrder({ "period_start", "provider", "model", "api_key_id", "task", "policy", "requests", "successes",
        "failures", "expired", "retries", "fallbacks", "cache_hits", "input_tokens", "output_tokens", "cached_input_tokens",
        "cost_usd", "unpriced_requests", "latency_avg_ms", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
        "ttft_p50_ms", "ttft_p95_ms", "cancelled", "reasoning_tokens", "cache_write_tokens", "cache_write_1h_tokens" })
public record AggregateRow(
        @JsonProperty("period_start") String periodStart,
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("api_key_id") String apiKeyId,
        @JsonProperty("task") String task,
        @JsonProperty("policy") String policy,
        @JsonProperty("requests") long requests,
        @JsonProperty("successes") long successes,
        @JsonProperty("failures") long failures,
        @JsonProperty("expired") long expired,
        @JsonProperty("retries") long retries,
        @JsonProperty("fallbacks") long fallbacks,
        @JsonProperty("cache_hits") long cacheHits,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cached_input_tokens") long cachedInputTokens,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("unpriced_requests") long unpricedRequests,
        @JsonProperty("latency_avg_ms") Double latencyAvgMs,
        @JsonProperty("latency_p50_ms") Double latencyP50Ms,
        @JsonProperty("latency_p95_ms") Double latencyP95Ms,
        @JsonProperty("latency_p99_ms") Double latencyP99Ms,
        @JsonProperty("ttft_p50_ms") Double ttftP50Ms,
        @JsonProperty("ttft_p95_ms") Double ttftP95Ms,
        @JsonProperty("cancelled") long cancelled,
        @JsonProperty("reasoning_tokens") long reasoningTokens,
        @JsonProperty("cache_write_tokens") long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens) {
}

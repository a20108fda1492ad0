package dev.switchboard.telemetry.export;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One request attempt in an export, its tokens nested as usage events carry them (input includes cached input and
 * cache writes, cache writes the 1-hour ones, output the reasoning tokens). The property order is the CSV header, which
 * is part of the API: add columns only at the end. {@code tags} are separated by {@code ;} in CSV; {@code metadata} is
 * the request's metadata as a JSON object's text, in every format.
 */
@JsonPropertyOrder({ "timestamp", "request_id", "attempt", "provider", "model", "outcome", "error_class", "error_message",
        "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd", "price_source",
        "cache_hit", "fallback", "route_policy", "route_task", "api_key_id", "reasoning_tokens", "cache_write_tokens",
        "cache_write_1h_tokens", "trace_id", "router_ms", "to_adapter_ms", "connect_ms", "first_token_ms",
        "last_token_ms", "back_ms", "operation", "key_name", "team_id", "team_name", "user", "tags", "metadata" })
public record ExportRow(
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("error_class") String errorClass,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("ttft_ms") Long ttftMs,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cached_input_tokens") long cachedInputTokens,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("price_source") String priceSource,
        @JsonProperty("cache_hit") boolean cacheHit,
        @JsonProperty("fallback") boolean fallback,
        @JsonProperty("route_policy") String routePolicy,
        @JsonProperty("route_task") String routeTask,
        @JsonProperty("api_key_id") String apiKeyId,
        @JsonProperty("reasoning_tokens") long reasoningTokens,
        @JsonProperty("cache_write_tokens") long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("router_ms") Long routerMs,
        @JsonProperty("to_adapter_ms") Long toAdapterMs,
        @JsonProperty("connect_ms") Long connectMs,
        @JsonProperty("first_token_ms") Long firstTokenMs,
        @JsonProperty("last_token_ms") Long lastTokenMs,
        @JsonProperty("back_ms") Long backMs,
        @JsonProperty("operation") String operation,
        @JsonProperty("key_name") String keyName,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("team_name") String teamName,
        @JsonProperty("user") String user,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("metadata") String metadata) {
}

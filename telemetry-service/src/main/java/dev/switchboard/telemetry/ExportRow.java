package dev.switchboard.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One request attempt in an export. The property order is the CSV header, which is part of the API: add columns
 * only at the end.
 */
@JsonPropertyOrder({ "timestamp", "request_id", "attempt", "provider", "model", "outcome", "error_class", "error_message",
        "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cached_input_tokens" })
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
        @JsonProperty("cached_input_tokens") long cachedInputTokens) {
}

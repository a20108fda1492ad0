package dev.switchboard.telemetry.stats;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bucket of a time series; latency percentiles are computed over the bucket's raw events (null when it has none
 * left in raw retention, cancelled attempts left out), the rest comes from the rollups.
 */
public record HistoryPoint(
        Instant time,
        long requests,
        long successes,
        long failures,
        long expired,
        long cancelled,
        long retries,
        long fallbacks,
        long cacheHits,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        BigDecimal costUsd,
        long unpricedRequests,
        Double latencyP50Ms,
        Double latencyP95Ms,
        Double latencyP99Ms) {
}

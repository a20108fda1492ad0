package dev.switchboard.registry;

import java.math.BigDecimal;

/**
 * One ranked model: its score (0 to about 130), the estimated cost in USD of one request of the expected size (null
 * when unpriced), the latency the ranking assumed and where that figure came from ({@code telemetry} or {@code tier}),
 * the score's parts, and a sentence saying why.
 */
public record Recommendation(
        int rank,
        String id,
        String provider,
        String modelId,
        double score,
        BigDecimal estimatedCost,
        long expectedLatencyMs,
        String latencySource,
        Double measuredSuccessRate,
        Scores scores,
        String reason) {

    /** The weighted parts of a score, each from 0 to 1, and the preference bonus (or deprecation penalty). */
    public record Scores(double quality, double cost, double latency, double reliability, double adjustments) {
    }
}

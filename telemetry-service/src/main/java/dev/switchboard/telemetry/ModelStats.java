package dev.switchboard.telemetry;

/** Usage of one provider and model over a window; latencies are true percentiles over the raw events. */
public record ModelStats(
        String provider,
        String model,
        long requests,
        long successes,
        long failures,
        long expired,
        double successRate,
        double latencyAvgMs,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens) {
}

package dev.switchboard.telemetry.stats;

/**
 * One provider and model's recent successes and latency percentiles, estimated from the minute rollups' histograms
 * (within {@link LatencyBuckets#RELATIVE_ERROR} of the exact figure). The latencies are those of the attempts that were
 * neither cache hits nor cancelled, as in {@link ModelStats}; {@code timedAttempts} counts them, and the percentiles
 * are null when there are none.
 */
public record ModelLatency(
        String provider,
        String model,
        long successes,
        long timedAttempts,
        Double latencyP50Ms,
        Double latencyP95Ms,
        Double latencyP99Ms) {
}

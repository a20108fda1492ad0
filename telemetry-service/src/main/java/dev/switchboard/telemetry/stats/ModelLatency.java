package dev.switchboard.telemetry.stats;

/**
 * One provider and model's recent counts and latency percentiles, summed from the rollups. The counts are exactly
 * {@link ModelStats}'s over the same attempts: {@code requests} are the provider attempts (cache hits are none,
 * cancelled attempts are), {@code failures} the errors (expired attempts apart), and {@code successRate} the successes
 * over the attempts that were not cancelled. Only the window differs: whole minutes, the current one included, so it
 * starts up to a minute later than {@code GET /telemetry}'s of as many hours. The percentiles are estimated from the
 * rollups' histograms (within {@link LatencyBuckets#RELATIVE_ERROR} of the exact figure) over the attempts that were
 * neither cache hits nor cancelled, as in {@link ModelStats}; {@code timedAttempts} counts them, and the percentiles are
 * null when there are none.
 */
public record ModelLatency(
        String provider,
        String model,
        long requests,
        long successes,
        long failures,
        long expired,
        long cancelled,
        double successRate,
        long timedAttempts,
        Double latencyP50Ms,
        Double latencyP95Ms,
        Double latencyP99Ms) {
}

package dev.switchboard.telemetry.stats;

import java.math.BigDecimal;
import java.util.List;

/**
 * Usage of one provider and model over a window. Requests, outcomes, latency, tokens and cost count provider attempts;
 * answers the router served from its cache are counted apart in {@code cacheHits}. Latency and TTFT are true
 * percentiles over the raw events; {@code costUsd} sums the priced attempts, {@code unpricedRequests} counts the rest.
 * {@code costPerSuccessUsd} shares the cost of the priced attempts, failed ones included, among the priced successful
 * ones, and {@code costPer1kTokensUsd} divides it by their input and output tokens; each is null with nothing to divide.
 * Cancelled attempts (the client went away) count in requests, tokens and cost, but not in the success rate or latency.
 */
public record ModelStats(
        String provider,
        String model,
        long requests,
        long successes,
        long failures,
        long expired,
        long cancelled,
        double successRate,
        double latencyAvgMs,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long retries,
        long fallbacks,
        long cacheHits,
        Double ttftP50Ms,
        Double ttftP95Ms,
        BigDecimal costUsd,
        long unpricedRequests,
        BigDecimal costPerSuccessUsd,
        BigDecimal costPer1kTokensUsd,
        List<RecentError> recentErrors) {

    /**
     * Successes over the attempts that finished on their own: a cancelled one says nothing of the provider's
     * reliability. 0 when none did.
     */
    public static double successRate(long requests, long successes, long cancelled) {
        long finished = requests - cancelled;
        return finished == 0 ? 0 : (double) successes / finished;
    }

    public ModelStats withRecentErrors(List<RecentError> errors) {
        return new ModelStats(provider, model, requests, successes, failures, expired, cancelled, successRate,
                latencyAvgMs,
                latencyP50Ms, latencyP95Ms, latencyP99Ms, inputTokens, outputTokens, cachedInputTokens, retries, fallbacks,
                cacheHits, ttftP50Ms, ttftP95Ms, costUsd, unpricedRequests, costPerSuccessUsd, costPer1kTokensUsd, errors);
    }
}

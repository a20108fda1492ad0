package dev.switchboard.telemetry.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;

/**
 * What one event, or one re-pricing, adds to its minute and hour rollups. Key parts that are absent are '' so that
 * the rollup's primary key treats them as equal.
 */
public record RollupDelta(
        Instant at,
        String provider,
        String model,
        String apiKeyId,
        String task,
        String policy,
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
        long reasoningTokens,
        long cacheWriteTokens,
        long cacheWrite1hTokens,
        long latencySumMs,
        LatencyHistogram latency,
        BigDecimal costUsd,
        long unpriced) {

    /** A cache hit counts only as a cache hit; a provider attempt counts everywhere else. */
    public static RollupDelta of(UsageEvent event, Pricing pricing) {
        String task = event.route() == null ? null : event.route().task();
        String policy = event.route() == null ? null : event.route().policy();
        if (event.cacheHit()) {
            return new RollupDelta(event.timestamp(), event.provider(), event.model(), orEmpty(event.apiKeyId()),
                    orEmpty(task), orEmpty(policy), 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, LatencyHistogram.empty(),
                    BigDecimal.ZERO, 0);
        }
        boolean cancelled = event.outcome() == Outcome.CANCELLED;
        return new RollupDelta(event.timestamp(), event.provider(), event.model(), orEmpty(event.apiKeyId()), orEmpty(task),
                orEmpty(policy), 1,
                event.outcome() == Outcome.SUCCESS ? 1 : 0,
                event.outcome() == Outcome.ERROR ? 1 : 0,
                event.outcome() == Outcome.EXPIRED ? 1 : 0,
                cancelled ? 1 : 0,
                event.attempt() > 1 ? 1 : 0,
                event.route() != null && event.route().fallback() ? 1 : 0,
                0, event.inputTokens(), event.outputTokens(), event.cachedInputTokens(), event.reasoningTokens(),
                event.cacheWriteTokens(), event.cacheWrite1hTokens(),
                // A cancelled attempt's latency is when the client left, not how long the provider took: kept out.
                cancelled ? 0 : event.latencyMs(),
                cancelled ? LatencyHistogram.empty() : LatencyHistogram.of(event.latencyMs()),
                pricing.priced() ? pricing.costUsd() : BigDecimal.ZERO,
                pricing.priced() ? 0 : 1);
    }

    /** An unpriced event that has now been priced: its cost comes in, and it no longer counts as unpriced. */
    public static RollupDelta repriced(Instant at, String provider, String model, String apiKeyId, String task, String policy,
            BigDecimal costUsd) {
        return new RollupDelta(at, provider, model, orEmpty(apiKeyId), orEmpty(task), orEmpty(policy), 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, LatencyHistogram.empty(), costUsd, -1);
    }

    /**
     * Events priced again at a corrected price: their cost changes by {@code costDelta}, and those that were unpriced
     * ({@code newlyPriced}) no longer count as unpriced.
     */
    public static RollupDelta recosted(Instant at, String provider, String model, String apiKeyId, String task,
            String policy, BigDecimal costDelta, long newlyPriced) {
        return new RollupDelta(at, provider, model, orEmpty(apiKeyId), orEmpty(task), orEmpty(policy), 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, LatencyHistogram.empty(), costDelta, -newlyPriced);
    }

    /** This delta and another of the same rollup row, added up. */
    RollupDelta plus(RollupDelta other) {
        return new RollupDelta(at, provider, model, apiKeyId, task, policy, requests + other.requests,
                successes + other.successes, failures + other.failures, expired + other.expired, cancelled + other.cancelled,
                retries + other.retries,
                fallbacks + other.fallbacks, cacheHits + other.cacheHits, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, cachedInputTokens + other.cachedInputTokens,
                reasoningTokens + other.reasoningTokens, cacheWriteTokens + other.cacheWriteTokens,
                cacheWrite1hTokens + other.cacheWrite1hTokens, latencySumMs + other.latencySumMs,
                latency.plus(other.latency), costUsd.add(other.costUsd), unpriced + other.unpriced);
    }

    /** This delta moved to the start of the given bucket, so that deltas of one row compare equal by key. */
    RollupDelta at(Instant bucket) {
        return new RollupDelta(bucket, provider, model, apiKeyId, task, policy, requests, successes, failures, expired,
                cancelled, retries, fallbacks, cacheHits, inputTokens, outputTokens, cachedInputTokens, reasoningTokens,
                cacheWriteTokens, cacheWrite1hTokens, latencySumMs, latency, costUsd, unpriced);
    }

    /** The rollup row this delta goes to: its bucket start and key columns. */
    String rowKey() {
        return at + "|" + provider + "|" + model + "|" + apiKeyId + "|" + task + "|" + policy;
    }

    Instant minute() {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    Instant hour() {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

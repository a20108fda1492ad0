package dev.switchboard.telemetry.sql;

/**
 * The usage sums every report shows, as one select list over the raw events and one over the rollups, so that a
 * filtered report (raw events) and an unfiltered one (rollups) count alike.
 */
public final class UsageSums {

    /**
     * Over {@code usage_event}, counted as the rollups count: a cache hit is no request and has no tokens or cost; a
     * cancelled attempt's latency is when the client left, so it is not summed.
     */
    public static final String OVER_EVENTS = """
            count(*) FILTER (WHERE NOT cache_hit) AS requests,
            count(*) FILTER (WHERE NOT cache_hit AND outcome = 'success') AS successes,
            count(*) FILTER (WHERE NOT cache_hit AND outcome = 'error') AS failures,
            count(*) FILTER (WHERE NOT cache_hit AND outcome = 'expired') AS expired,
            count(*) FILTER (WHERE NOT cache_hit AND outcome = 'cancelled') AS cancelled,
            count(*) FILTER (WHERE NOT cache_hit AND attempt > 1) AS retries,
            count(*) FILTER (WHERE NOT cache_hit AND fallback) AS fallbacks,
            count(*) FILTER (WHERE cache_hit) AS cache_hits,
            coalesce(sum(input_tokens) FILTER (WHERE NOT cache_hit), 0) AS input_tokens,
            coalesce(sum(output_tokens) FILTER (WHERE NOT cache_hit), 0) AS output_tokens,
            coalesce(sum(cached_input_tokens) FILTER (WHERE NOT cache_hit), 0) AS cached_input_tokens,
            coalesce(sum(reasoning_tokens) FILTER (WHERE NOT cache_hit), 0) AS reasoning_tokens,
            coalesce(sum(cache_write_tokens) FILTER (WHERE NOT cache_hit), 0) AS cache_write_tokens,
            coalesce(sum(cache_write_1h_tokens) FILTER (WHERE NOT cache_hit), 0) AS cache_write_1h_tokens,
            coalesce(sum(cost_usd) FILTER (WHERE NOT cache_hit), 0) AS cost_usd,
            count(*) FILTER (WHERE NOT cache_hit AND price_source = 'unpriced') AS unpriced,
            coalesce(sum(latency_ms) FILTER (WHERE NOT cache_hit AND outcome <> 'cancelled'), 0) AS latency_sum_ms""";

    /** The same figures over a rollup table ({@code usage_rollup_minute}, {@code usage_rollup_hour}). */
    public static final String OVER_ROLLUPS = """
            sum(requests) AS requests, sum(successes) AS successes, sum(failures) AS failures,
            sum(expired) AS expired, sum(cancelled) AS cancelled, sum(retries) AS retries,
            sum(fallbacks) AS fallbacks, sum(cache_hits) AS cache_hits, sum(input_tokens) AS input_tokens,
            sum(output_tokens) AS output_tokens, sum(cached_input_tokens) AS cached_input_tokens,
            sum(reasoning_tokens) AS reasoning_tokens, sum(cache_write_tokens) AS cache_write_tokens,
            sum(cache_write_1h_tokens) AS cache_write_1h_tokens, sum(cost_usd) AS cost_usd, sum(unpriced) AS unpriced,
            sum(latency_sum_ms) AS latency_sum_ms""";

    private UsageSums() {
    }
}

package dev.switchboard.telemetry.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds deltas to the minute and hour rollups inside the caller's transaction. Rows are always locked in one order
 * (minute rows before hour rows, each sorted by key), so concurrent writers never deadlock.
 */
public final class RollupWriter {

    private static final String UPSERT = """
            INSERT INTO %s AS r (bucket_start, provider, model, api_key_id, task, policy, requests, successes, failures,
                                 expired, cancelled, retries, fallbacks, cache_hits, input_tokens, output_tokens,
                                 cached_input_tokens, reasoning_tokens, cache_write_tokens, cache_write_1h_tokens,
                                 latency_sum_ms, latency_histogram, cost_usd, unpriced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (bucket_start, provider, model, api_key_id, task, policy) DO UPDATE SET
                requests = r.requests + EXCLUDED.requests,
                successes = r.successes + EXCLUDED.successes,
                failures = r.failures + EXCLUDED.failures,
                expired = r.expired + EXCLUDED.expired,
                cancelled = r.cancelled + EXCLUDED.cancelled,
                retries = r.retries + EXCLUDED.retries,
                fallbacks = r.fallbacks + EXCLUDED.fallbacks,
                cache_hits = r.cache_hits + EXCLUDED.cache_hits,
                input_tokens = r.input_tokens + EXCLUDED.input_tokens,
                output_tokens = r.output_tokens + EXCLUDED.output_tokens,
                cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
                reasoning_tokens = r.reasoning_tokens + EXCLUDED.reasoning_tokens,
                cache_write_tokens = r.cache_write_tokens + EXCLUDED.cache_write_tokens,
                cache_write_1h_tokens = r.cache_write_1h_tokens + EXCLUDED.cache_write_1h_tokens,
                latency_sum_ms = r.latency_sum_ms + EXCLUDED.latency_sum_ms,
                latency_histogram = histogram_add(r.latency_histogram, EXCLUDED.latency_histogram),
                cost_usd = r.cost_usd + EXCLUDED.cost_usd,
                unpriced = r.unpriced + EXCLUDED.unpriced
            """;
    private static final String MINUTE = UPSERT.formatted("usage_rollup_minute");
    private static final String HOUR = UPSERT.formatted("usage_rollup_hour");

    private RollupWriter() {
    }

    public static void add(Connection connection, RollupDelta delta) throws SQLException {
        addAll(connection, List.of(delta));
    }

    /** Adds many deltas, first summed per rollup row, so a batch of events costs one upsert per row touched. */
    public static void addAll(Connection connection, List<RollupDelta> deltas) throws SQLException {
        upsert(connection, MINUTE, summed(deltas, RollupDelta::minute));
        upsert(connection, HOUR, summed(deltas, RollupDelta::hour));
    }

    private static Collection<RollupDelta> summed(List<RollupDelta> deltas, Function<RollupDelta, Instant> bucket) {
        Map<String, RollupDelta> rows = new TreeMap<>();
        for (RollupDelta delta : deltas) {
            RollupDelta row = delta.at(bucket.apply(delta));
            rows.merge(row.rowKey(), row, RollupDelta::plus);
        }
        return rows.values();
    }

    private static void upsert(Connection connection, String sql, Collection<RollupDelta> rows) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (RollupDelta row : rows) {
                bind(upsert, row);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void bind(PreparedStatement upsert, RollupDelta d) throws SQLException {
        int i = 1;
        upsert.setTimestamp(i++, Timestamp.from(d.at()));
        upsert.setString(i++, d.provider());
        upsert.setString(i++, d.model());
        upsert.setString(i++, d.apiKeyId());
        upsert.setString(i++, d.task());
        upsert.setString(i++, d.policy());
        for (long value : new long[] { d.requests(), d.successes(), d.failures(), d.expired(), d.cancelled(),
                d.retries(),
                d.fallbacks(), d.cacheHits(), d.inputTokens(), d.outputTokens(), d.cachedInputTokens(),
                d.reasoningTokens(), d.cacheWriteTokens(), d.cacheWrite1hTokens(), d.latencySumMs() }) {
            upsert.setLong(i++, value);
        }
        upsert.setArray(i++, upsert.getConnection().createArrayOf("int8", d.latency().stored()));
        upsert.setBigDecimal(i++, d.costUsd());
        upsert.setLong(i, d.unpriced());
    }
}

package dev.switchboard.telemetry.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Adds deltas to the minute and hour rollups, always in that order, inside the caller's transaction. */
final class RollupWriter {

    private static final String UPSERT = """
            INSERT INTO %s AS r (bucket_start, provider, model, api_key_id, task, policy, requests, successes, failures,
                                 expired, retries, fallbacks, cache_hits, input_tokens, output_tokens, cached_input_tokens,
                                 latency_sum_ms, cost_usd, unpriced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (bucket_start, provider, model, api_key_id, task, policy) DO UPDATE SET
                requests = r.requests + EXCLUDED.requests,
                successes = r.successes + EXCLUDED.successes,
                failures = r.failures + EXCLUDED.failures,
                expired = r.expired + EXCLUDED.expired,
                retries = r.retries + EXCLUDED.retries,
                fallbacks = r.fallbacks + EXCLUDED.fallbacks,
                cache_hits = r.cache_hits + EXCLUDED.cache_hits,
                input_tokens = r.input_tokens + EXCLUDED.input_tokens,
                output_tokens = r.output_tokens + EXCLUDED.output_tokens,
                cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
                latency_sum_ms = r.latency_sum_ms + EXCLUDED.latency_sum_ms,
                cost_usd = r.cost_usd + EXCLUDED.cost_usd,
                unpriced = r.unpriced + EXCLUDED.unpriced
            """;
    private static final String MINUTE = UPSERT.formatted("usage_rollup_minute");
    private static final String HOUR = UPSERT.formatted("usage_rollup_hour");

    private RollupWriter() {
    }

    static void add(Connection connection, RollupDelta delta) throws SQLException {
        upsert(connection, MINUTE, delta.minute(), delta);
        upsert(connection, HOUR, delta.hour(), delta);
    }

    private static void upsert(Connection connection, String sql, Instant bucket, RollupDelta d) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            int i = 1;
            upsert.setTimestamp(i++, Timestamp.from(bucket));
            upsert.setString(i++, d.provider());
            upsert.setString(i++, d.model());
            upsert.setString(i++, d.apiKeyId());
            upsert.setString(i++, d.task());
            upsert.setString(i++, d.policy());
            for (long value : new long[] { d.requests(), d.successes(), d.failures(), d.expired(), d.retries(),
                    d.fallbacks(), d.cacheHits(), d.inputTokens(), d.outputTokens(), d.cachedInputTokens(),
                    d.latencySumMs() }) {
                upsert.setLong(i++, value);
            }
            upsert.setBigDecimal(i++, d.costUsd());
            upsert.setLong(i, d.unpriced());
            upsert.executeUpdate();
        }
    }
}

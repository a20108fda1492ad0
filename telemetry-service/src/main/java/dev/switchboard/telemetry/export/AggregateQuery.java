package dev.switchboard.telemetry.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.switchboard.telemetry.sql.Sql;

/**
 * The hour and day export: sums from the hour rollups joined to percentiles over the same periods' raw events. It
 * covers the periods that start in [from, to), UTC-aligned, each whole.
 */
final class AggregateQuery {

    private static final String QUERY = """
            WITH rollup AS (
                SELECT %1$s AS period, provider, model, api_key_id, task, policy,
                       sum(requests) AS requests, sum(successes) AS successes, sum(failures) AS failures,
                       sum(expired) AS expired, sum(cancelled) AS cancelled, sum(retries) AS retries,
                       sum(fallbacks) AS fallbacks, sum(cache_hits) AS cache_hits, sum(input_tokens) AS input_tokens,
                       sum(output_tokens) AS output_tokens, sum(cached_input_tokens) AS cached_input_tokens,
                       sum(reasoning_tokens) AS reasoning_tokens, sum(cache_write_tokens) AS cache_write_tokens,
                       sum(cache_write_1h_tokens) AS cache_write_1h_tokens, sum(cost_usd) AS cost_usd, sum(unpriced) AS unpriced, sum(latency_sum_ms) AS latency_sum_ms
                FROM usage_rollup_hour
                WHERE bucket_start >= ? AND bucket_start < ?
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                GROUP BY 1, 2, 3, 4, 5, 6
            ), raw AS (
                SELECT %2$s AS period, provider, model, coalesce(api_key_id, '') AS api_key_id,
                       coalesce(route_task, '') AS task, coalesce(route_policy, '') AS policy,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE outcome <> 'cancelled') AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE outcome <> 'cancelled') AS p95,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE outcome <> 'cancelled') AS p99,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY ttft_ms) AS ttft_p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY ttft_ms) AS ttft_p95
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ? AND NOT cache_hit
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                GROUP BY 1, 2, 3, 4, 5, 6
            )
            SELECT r.*, raw.p50, raw.p95, raw.p99, raw.ttft_p50, raw.ttft_p95
            FROM rollup r
            LEFT JOIN raw ON raw.period = r.period AND raw.provider = r.provider AND raw.model = r.model
                         AND raw.api_key_id = r.api_key_id AND raw.task = r.task AND raw.policy = r.policy
            ORDER BY r.period, r.provider, r.model, r.api_key_id, r.task, r.policy
            """;
    private static final String BY_HOUR = QUERY.formatted("bucket_start", Sql.bucketOf("occurred_at", "hour"));
    private static final String BY_DAY = QUERY.formatted(Sql.bucketOf("bucket_start", "day"),
            Sql.bucketOf("occurred_at", "day"));

    private AggregateQuery() {
    }

    static PreparedStatement prepare(Connection connection, ExportQuery query) throws SQLException {
        boolean day = query.granularity() == Granularity.DAY;
        Instant from = ceiling(query.from(), day);
        Instant to = ceiling(query.to(), day);
        PreparedStatement statement = connection.prepareStatement(day ? BY_DAY : BY_HOUR);
        Sql.bind(statement, from, to, query.provider(), query.provider(), query.model(), query.model(), from, to,
                query.provider(), query.provider(), query.model(), query.model());
        return statement;
    }

    /** The latency average leaves cancelled attempts out, as their rollups leave out their latency. */
    static AggregateRow row(ResultSet rows) throws SQLException {
        long requests = rows.getLong("requests");
        long timed = requests - rows.getLong("cancelled");
        return new AggregateRow(rows.getTimestamp("period").toInstant().toString(), rows.getString("provider"),
                rows.getString("model"), rows.getString("api_key_id"), rows.getString("task"), rows.getString("policy"),
                requests, rows.getLong("successes"), rows.getLong("failures"), rows.getLong("expired"),
                rows.getLong("retries"), rows.getLong("fallbacks"), rows.getLong("cache_hits"),
                rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cached_input_tokens"),
                rows.getBigDecimal("cost_usd").stripTrailingZeros(), rows.getLong("unpriced"),
                timed == 0 ? null : round((double) rows.getLong("latency_sum_ms") / timed),
                round(rows.getObject("p50", Double.class)), round(rows.getObject("p95", Double.class)),
                round(rows.getObject("p99", Double.class)), round(rows.getObject("ttft_p50", Double.class)),
                round(rows.getObject("ttft_p95", Double.class)), rows.getLong("cancelled"), rows.getLong("reasoning_tokens"),
                rows.getLong("cache_write_tokens"), rows.getLong("cache_write_1h_tokens"));
    }

    /** The first period start at or after {@code at}. */
    private static Instant ceiling(Instant at, boolean day) {
        Instant floor = day ? at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant()
                : at.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(at) ? at : floor.plus(1, day ? ChronoUnit.DAYS : ChronoUnit.HOURS);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}

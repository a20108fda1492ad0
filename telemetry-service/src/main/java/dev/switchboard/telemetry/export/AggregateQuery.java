package dev.switchboard.telemetry.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.sql.UsageSums;

/**
 * The hour and day export: sums from the hour rollups joined to percentiles over the same periods' raw events. It
 * covers the periods that start in [from, to), UTC-aligned, each whole. Filtered by attribution (operation, key, team,
 * user, tag, metadata), which the rollups do not keep, the sums come from the raw events too, counted as the rollups
 * count them, so such an export reaches back as far as the raw events are kept.
 */
final class AggregateQuery {

    private static final String QUERY = """
            WITH rollup AS (
                %1$s
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
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?) AND %3$s
                GROUP BY 1, 2, 3, 4, 5, 6
            )
            SELECT r.*, raw.p50, raw.p95, raw.p99, raw.ttft_p50, raw.ttft_p95
            FROM rollup r
            LEFT JOIN raw ON raw.period = r.period AND raw.provider = r.provider AND raw.model = r.model
                         AND raw.api_key_id = r.api_key_id AND raw.task = r.task AND raw.policy = r.policy
            ORDER BY r.period, r.provider, r.model, r.api_key_id, r.task, r.policy
            """;
    private static final String ROLLUP_SUMS = """
            SELECT %1$s AS period, provider, model, api_key_id, task, policy, %2$s
                FROM usage_rollup_hour
                WHERE bucket_start >= ? AND bucket_start < ?
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                GROUP BY 1, 2, 3, 4, 5, 6""";
    private static final String RAW_SUMS = """
            SELECT %1$s AS period, provider, model, coalesce(api_key_id, '') AS api_key_id,
                       coalesce(route_task, '') AS task, coalesce(route_policy, '') AS policy, %2$s
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ?
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?) AND %3$s
                GROUP BY 1, 2, 3, 4, 5, 6""";
    private static final String BY_HOUR = QUERY.formatted(ROLLUP_SUMS.formatted("bucket_start", UsageSums.OVER_ROLLUPS),
            Sql.bucketOf("occurred_at", "hour"), UsageFilter.CONDITION);
    private static final String BY_DAY = QUERY.formatted(
            ROLLUP_SUMS.formatted(Sql.bucketOf("bucket_start", "day"), UsageSums.OVER_ROLLUPS),
            Sql.bucketOf("occurred_at", "day"), UsageFilter.CONDITION);
    private static final String FILTERED_BY_HOUR = QUERY.formatted(
            RAW_SUMS.formatted(Sql.bucketOf("occurred_at", "hour"), UsageSums.OVER_EVENTS, UsageFilter.CONDITION),
            Sql.bucketOf("occurred_at", "hour"), UsageFilter.CONDITION);
    private static final String FILTERED_BY_DAY = QUERY.formatted(
            RAW_SUMS.formatted(Sql.bucketOf("occurred_at", "day"), UsageSums.OVER_EVENTS, UsageFilter.CONDITION),
            Sql.bucketOf("occurred_at", "day"), UsageFilter.CONDITION);

    private AggregateQuery() {
    }

    static PreparedStatement prepare(Connection connection, ExportQuery query) throws SQLException {
        boolean day = query.granularity() == Granularity.DAY;
        Instant from = ceiling(query.from(), day);
        Instant to = ceiling(query.to(), day);
        UsageFilter filter = query.filter();
        String sql = filter.any() ? (day ? FILTERED_BY_DAY : FILTERED_BY_HOUR) : (day ? BY_DAY : BY_HOUR);
        Object[] range = { from, to, query.provider(), query.provider(), query.model(), query.model() };
        Object[] sums = filter.any() ? filter.around(range) : range;
        Object[] raw = filter.around(range);
        Object[] parameters = new Object[sums.length + raw.length];
        System.arraycopy(sums, 0, parameters, 0, sums.length);
        System.arraycopy(raw, 0, parameters, sums.length, raw.length);
        PreparedStatement statement = connection.prepareStatement(sql);
        Sql.bind(statement, parameters);
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

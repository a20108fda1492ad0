package dev.switchboard.telemetry.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.sql.UsageSums;

/**
 * Time series for charts: counts, tokens and cost from the minute or hour rollups, latency percentiles from the raw
 * events of each bucket, and every bucket of the range present even when it had no traffic. Filtered by attribution
 * (operation, key, team, user, tag), which the rollups do not keep, every figure comes from the raw events, so such a
 * series reaches back as far as they are kept ({@code switchboard.telemetry.retention.raw}).
 */
@ApplicationScoped
public class HistoryRepository {

    private static final String QUERY = """
            WITH buckets AS (
                SELECT generate_series(?::timestamptz, ?::timestamptz, ?::interval) AS t
            ), rollup AS (
                %1$s
            ), raw AS (
                SELECT %2$s AS t,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ?::timestamptz + ?::interval AND NOT cache_hit
                  AND outcome <> 'cancelled'
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?) AND %3$s
                GROUP BY 1
            )
            SELECT b.t, coalesce(r.requests, 0) AS requests, coalesce(r.successes, 0) AS successes,
                   coalesce(r.failures, 0) AS failures, coalesce(r.expired, 0) AS expired,
                   coalesce(r.cancelled, 0) AS cancelled, coalesce(r.retries, 0) AS retries,
                   coalesce(r.fallbacks, 0) AS fallbacks, coalesce(r.cache_hits, 0) AS cache_hits,
                   coalesce(r.input_tokens, 0) AS input_tokens, coalesce(r.output_tokens, 0) AS output_tokens,
                   coalesce(r.cached_input_tokens, 0) AS cached_input_tokens, coalesce(r.cost_usd, 0) AS cost_usd,
                   coalesce(r.unpriced, 0) AS unpriced, raw.p50, raw.p95, raw.p99
            FROM buckets b LEFT JOIN rollup r ON r.t = b.t LEFT JOIN raw ON raw.t = b.t
            ORDER BY b.t
            """;
    /** The sums of the rollup table {@code %1$s}: its placeholders are from, to, provider twice, model twice. */
    private static final String ROLLUP_SUMS = """
            SELECT bucket_start AS t, %2$s
                FROM %1$s
                WHERE bucket_start >= ? AND bucket_start <= ?
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                GROUP BY bucket_start""";
    /**
     * The same sums over the raw events the filter matches, counted as the rollups count them: its placeholders are
     * from, to, the step, provider twice, model twice, then the filter's.
     */
    private static final String RAW_SUMS = """
            SELECT %1$s AS t, %2$s
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ?::timestamptz + ?::interval
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?) AND %3$s
                GROUP BY 1""";
    private static final String BY_MINUTE = series(ROLLUP_SUMS.formatted("usage_rollup_minute", UsageSums.OVER_ROLLUPS),
            "minute");
    private static final String BY_HOUR = series(ROLLUP_SUMS.formatted("usage_rollup_hour", UsageSums.OVER_ROLLUPS),
            "hour");
    private static final String FILTERED_BY_MINUTE = series(RAW_SUMS.formatted(Sql.bucketOf("occurred_at", "minute"),
            UsageSums.OVER_EVENTS, UsageFilter.CONDITION), "minute");
    private static final String FILTERED_BY_HOUR = series(RAW_SUMS.formatted(Sql.bucketOf("occurred_at", "hour"),
            UsageSums.OVER_EVENTS, UsageFilter.CONDITION), "hour");
    private final AgroalDataSource dataSource;

    public HistoryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code bucket} is {@code minute} or {@code hour}; the range is the last {@code hours} up to {@code now}. */
    public History history(Instant now, int hours, String bucket, String provider, String model) throws SQLException {
        return history(now, hours, bucket, provider, model, UsageFilter.NONE);
    }

    /** The series of the attempts {@code filter} matches. */
    public History history(Instant now, int hours, String bucket, String provider, String model, UsageFilter filter)
            throws SQLException {
        boolean minute = "minute".equals(bucket);
        ChronoUnit unit = minute ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
        String step = minute ? "1 minute" : "1 hour";
        Instant to = now.truncatedTo(unit);
        Instant from = now.minus(hours, ChronoUnit.HOURS).truncatedTo(unit).plus(1, unit);
        String sql = filter.any() ? (minute ? FILTERED_BY_MINUTE : FILTERED_BY_HOUR) : (minute ? BY_MINUTE : BY_HOUR);
        Object[] sums = { from, to, provider, provider, model, model };
        Object[] raw = { from, to, step, provider, provider, model, model };
        Object[] parameters = filter.any() ? concat(new Object[] { from, to, step }, filter.around(raw), filter.around(raw))
                : concat(new Object[] { from, to, step }, sums, filter.around(raw));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            Sql.bind(query, parameters);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    points.add(new HistoryPoint(rows.getTimestamp("t").toInstant(), rows.getLong("requests"),
                            rows.getLong("successes"), rows.getLong("failures"), rows.getLong("expired"),
                            rows.getLong("cancelled"), rows.getLong("retries"), rows.getLong("fallbacks"),
                            rows.getLong("cache_hits"),
                            rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cached_input_tokens"),
                            rows.getBigDecimal("cost_usd").stripTrailingZeros(), rows.getLong("unpriced"),
                            rows.getObject("p50", Double.class), rows.getObject("p95", Double.class),
                            rows.getObject("p99", Double.class)));
                }
            }
            return new History(bucket, from, to, provider, model, points);
        }
    }

    private static String series(String sums, String bucket) {
        return QUERY.formatted(sums, Sql.bucketOf("occurred_at", bucket), UsageFilter.CONDITION);
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }
}

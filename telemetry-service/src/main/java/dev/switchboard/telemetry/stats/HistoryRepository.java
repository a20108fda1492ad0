package dev.switchboard.telemetry.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.sql.Sql;

/**
 * Time series for charts: counts, tokens and cost from the minute or hour rollups, latency percentiles from the raw
 * events of each bucket, and every bucket of the range present even when it had no traffic.
 */
@ApplicationScoped
public class HistoryRepository {

    private static final String QUERY = """
            WITH buckets AS (
                SELECT generate_series(?::timestamptz, ?::timestamptz, ?::interval) AS t
            ), rollup AS (
                SELECT bucket_start AS t, sum(requests) AS requests, sum(successes) AS successes, sum(failures) AS failures,
                       sum(expired) AS expired, sum(cancelled) AS cancelled, sum(retries) AS retries,
                       sum(fallbacks) AS fallbacks, sum(cache_hits) AS cache_hits, sum(input_tokens) AS input_tokens,
                       sum(output_tokens) AS output_tokens, sum(cached_input_tokens) AS cached_input_tokens,
                       sum(cost_usd) AS cost_usd, sum(unpriced) AS unpriced
                FROM %1$s
                WHERE bucket_start >= ? AND bucket_start <= ?
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                GROUP BY bucket_start
            ), raw AS (
                SELECT %2$s AS t,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ?::timestamptz + ?::interval AND NOT cache_hit
                  AND outcome <> 'cancelled'
                  AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
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
    private static final String BY_MINUTE = QUERY.formatted("usage_rollup_minute", Sql.bucketOf("occurred_at", "minute"));
    private static final String BY_HOUR = QUERY.formatted("usage_rollup_hour", Sql.bucketOf("occurred_at", "hour"));

    private final AgroalDataSource dataSource;

    public HistoryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code bucket} is {@code minute} or {@code hour}; the range is the last {@code hours} up to {@code now}. */
    public History history(Instant now, int hours, String bucket, String provider, String model) throws SQLException {
        ChronoUnit unit = "minute".equals(bucket) ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
        String step = "minute".equals(bucket) ? "1 minute" : "1 hour";
        Instant to = now.truncatedTo(unit);
        Instant from = now.minus(hours, ChronoUnit.HOURS).truncatedTo(unit).plus(1, unit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("minute".equals(bucket) ? BY_MINUTE : BY_HOUR)) {
            Sql.bind(query, from, to, step, from, to, provider, provider, model, model, from, to, step, provider, provider,
                    model, model);
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
}

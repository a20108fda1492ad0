package dev.switchboard.telemetry.stats;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.UnitCosts;
import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.sql.UsageSums;

/**
 * Per provider and model statistics over the raw events, with {@code percentile_cont} for latency and TTFT. Cache
 * hits are counted on their own and kept out of every provider figure.
 */
@ApplicationScoped
public class StatsRepository {

    private static final int RECENT_ERRORS = 5;

    /** A cancelled attempt's latency is when the client left, not how long the provider took, so latency skips it. */
    private static final String TIMED = "NOT cache_hit AND outcome <> 'cancelled'";

    /** Each column's percentiles come from one sort of its values (an array of fractions), not a sort per fraction. */
    private static final String STATS = """
            SELECT provider, model, %3$s,
                   coalesce(avg(latency_ms) FILTER (WHERE %1$s), 0) AS latency_avg,
                   coalesce(percentile_cont(ARRAY[0.50, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms)
                       FILTER (WHERE %1$s), '{0, 0, 0}') AS latency_percentiles,
                   percentile_cont(ARRAY[0.50, 0.95]) WITHIN GROUP (ORDER BY ttft_ms) FILTER (WHERE NOT cache_hit)
                       AS ttft_percentiles,
                   count(*) FILTER (WHERE NOT cache_hit AND price_source <> 'unpriced' AND outcome = 'success')
                       AS priced_successes,
                   coalesce(sum(input_tokens + output_tokens) FILTER (WHERE NOT cache_hit AND price_source <> 'unpriced'),
                            0) AS priced_tokens
            FROM usage_event
            WHERE occurred_at >= ? AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
              AND %2$s
            GROUP BY provider, model
            ORDER BY provider, model
            """.formatted(TIMED, UsageFilter.CONDITION, UsageSums.OVER_EVENTS);

    private static final String ERRORS = """
            SELECT provider, model, occurred_at, request_id, attempt, outcome, error_class, error_message
            FROM (SELECT *, row_number() OVER (PARTITION BY provider, model ORDER BY occurred_at DESC) AS n
                  FROM usage_event
                  WHERE occurred_at >= ? AND outcome IN ('error', 'expired') AND NOT cache_hit AND in_request_log
                    AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
                    AND %s) recent
            WHERE n <= ?
            ORDER BY provider, model, occurred_at DESC
            """.formatted(UsageFilter.CONDITION);

    private final AgroalDataSource dataSource;

    public StatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ModelStats> stats(Instant since, String provider, String model) throws SQLException {
        return stats(since, provider, model, UsageFilter.NONE);
    }

    /** The statistics of the attempts {@code filter} matches. */
    public List<ModelStats> stats(Instant since, String provider, String model, UsageFilter filter) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<RecentError>> errors = recentErrors(connection, since, provider, model, filter);
            List<ModelStats> stats = new ArrayList<>();
            try (PreparedStatement query = filtered(connection, STATS, since, provider, model, filter);
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ModelStats row = row(rows);
                    stats.add(row.withRecentErrors(errors.getOrDefault(row.provider() + "/" + row.model(), List.of())));
                }
            }
            return stats;
        }
    }

    private static Map<String, List<RecentError>> recentErrors(Connection connection, Instant since, String provider,
            String model, UsageFilter filter) throws SQLException {
        Map<String, List<RecentError>> errors = new HashMap<>();
        try (PreparedStatement query = filtered(connection, ERRORS, since, provider, model, filter, RECENT_ERRORS)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    errors.computeIfAbsent(rows.getString("provider") + "/" + rows.getString("model"), k -> new ArrayList<>())
                            .add(new RecentError(rows.getTimestamp("occurred_at").toInstant(), rows.getString("request_id"),
                                    rows.getInt("attempt"), rows.getString("outcome"), rows.getString("error_class"),
                                    rows.getString("error_message")));
                }
            }
        }
        return errors;
    }

    private static PreparedStatement filtered(Connection connection, String sql, Instant since, String provider,
            String model, UsageFilter filter, Object... after) throws SQLException {
        PreparedStatement query = connection.prepareStatement(sql);
        Sql.bind(query, filter.around(new Object[] { since, provider, provider, model, model }, after));
        return query;
    }

    private static ModelStats row(ResultSet rows) throws SQLException {
        long requests = rows.getLong("requests");
        long successes = rows.getLong("successes");
        long cancelled = rows.getLong("cancelled");
        BigDecimal cost = rows.getBigDecimal("cost_usd");
        Double[] latency = percentiles(rows, "latency_percentiles");
        Double[] ttft = percentiles(rows, "ttft_percentiles");
        return new ModelStats(rows.getString("provider"), rows.getString("model"), requests, successes,
                rows.getLong("failures"), rows.getLong("expired"), cancelled,
                ModelStats.successRate(requests, successes, cancelled),
                rows.getDouble("latency_avg"), latency[0], latency[1], latency[2],
                rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cached_input_tokens"),
                rows.getLong("retries"), rows.getLong("fallbacks"), rows.getLong("cache_hits"),
                ttft == null ? null : ttft[0], ttft == null ? null : ttft[1],
                cost.stripTrailingZeros(), rows.getLong("unpriced"),
                UnitCosts.perSuccess(cost, rows.getLong("priced_successes")),
                UnitCosts.per1kTokens(cost, rows.getLong("priced_tokens")), List.of());
    }

    private static Double[] percentiles(ResultSet rows, String column) throws SQLException {
        Array values = rows.getArray(column);
        return values == null ? null : (Double[]) values.getArray();
    }
}

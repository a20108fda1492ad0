package dev.switchboard.telemetry.insights;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.sql.UsageSums;

/** The figures insights are drawn from, each one query over the raw events. */
@ApplicationScoped
public class InsightQueries {

    private static final String TRENDS = """
            SELECT provider, model,
                   count(*) FILTER (WHERE occurred_at > ? AND outcome = 'success') AS recent_successes,
                   count(*) FILTER (WHERE occurred_at <= ? AND outcome = 'success') AS base_successes,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
                       FILTER (WHERE occurred_at > ? AND outcome = 'success') AS recent_p95,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
                       FILTER (WHERE occurred_at <= ? AND outcome = 'success') AS base_p95,
                   count(*) FILTER (WHERE occurred_at > ?) AS recent_attempts,
                   count(*) FILTER (WHERE occurred_at > ? AND outcome = 'error') AS recent_failures,
                   count(*) FILTER (WHERE occurred_at <= ?) AS base_attempts,
                   count(*) FILTER (WHERE occurred_at <= ? AND outcome = 'error') AS base_failures
            FROM usage_event
            WHERE occurred_at > ? AND occurred_at <= ? AND NOT cache_hit AND outcome <> 'cancelled'
            GROUP BY provider, model
            ORDER BY provider, model
            """;
    private static final String USAGE = """
            SELECT provider, model, %s,
                   string_agg(DISTINCT unpriced_reason, ',') AS unpriced_reasons
            FROM usage_event
            WHERE occurred_at > ? AND occurred_at <= ?
            GROUP BY provider, model
            ORDER BY provider, model
            """.formatted(UsageSums.OVER_EVENTS);

    private final AgroalDataSource dataSource;

    public InsightQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Per model, the recent window against the baseline just before it. */
    public List<Trend> trends(Instant baselineStart, Instant recentStart, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(TRENDS)) {
            Sql.bind(query, recentStart, recentStart, recentStart, recentStart, recentStart, recentStart, recentStart,
                    recentStart, baselineStart, now);
            List<Trend> trends = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    trends.add(new Trend(rows.getString("provider"), rows.getString("model"),
                            rows.getLong("recent_successes"), rows.getLong("base_successes"),
                            rows.getObject("recent_p95", Double.class), rows.getObject("base_p95", Double.class),
                            rows.getLong("recent_attempts"), rows.getLong("recent_failures"), rows.getLong("base_attempts"),
                            rows.getLong("base_failures")));
                }
            }
            return trends;
        }
    }

    /** Per model, what was used and spent in the window. */
    public List<Usage> usage(Instant since, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(USAGE)) {
            Sql.bind(query, since, now);
            List<Usage> usage = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    usage.add(new Usage(rows.getString("provider"), rows.getString("model"), rows.getLong("requests"),
                            rows.getLong("successes"), rows.getLong("requests") - rows.getLong("cancelled"),
                            rows.getLong("cache_hits"),
                            new TokenCounts(rows.getLong("input_tokens"), rows.getLong("output_tokens"),
                                    rows.getLong("cached_input_tokens"), rows.getLong("reasoning_tokens"),
                                    rows.getLong("cache_write_tokens"), rows.getLong("cache_write_1h_tokens")),
                            rows.getBigDecimal("cost_usd"), rows.getLong("unpriced"), rows.getString("unpriced_reasons")));
                }
            }
            return usage;
        }
    }

    /**
     * One model's recent and baseline figures; percentiles over successful attempts, attempts counting only those that
     * finished on their own, so a cancelled one does not dilute the error rate.
     */
    public record Trend(String provider, String model, long recentSuccesses, long baseSuccesses, Double recentP95,
            Double baseP95, long recentAttempts, long recentFailures, long baseAttempts, long baseFailures) {
    }

    /**
     * One model's use in the window: attempts, successful ones, those that finished on their own (not cancelled),
     * tokens of every kind and what was spent.
     */
    public record Usage(String provider, String model, long requests, long successes, long finished, long cacheHits,
            TokenCounts tokens, BigDecimal costUsd, long unpriced, String unpricedReasons) {

        public long inputTokens() {
            return tokens.input();
        }

        public long cachedInputTokens() {
            return tokens.cachedInput();
        }

        public long outputTokens() {
            return tokens.output();
        }

        /** Successes over the attempts that finished on their own; 0 when none did. */
        public double successRate() {
            return finished == 0 ? 0 : (double) successes / finished;
        }
    }
}

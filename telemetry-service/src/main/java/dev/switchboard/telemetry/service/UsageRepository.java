package dev.switchboard.telemetry.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ModelStats;

/** Stores usage events once per (request id, attempt) and computes statistics over them in SQL. */
@ApplicationScoped
public class UsageRepository {

    private static final String INSERT = """
            INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, error_class, error_message,
                                     latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, api_key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (request_id, attempt) DO NOTHING
            """;

    private static final String STATS = """
            SELECT provider, model,
                   count(*) AS requests,
                   count(*) FILTER (WHERE outcome = 'success') AS successes,
                   count(*) FILTER (WHERE outcome = 'error') AS failures,
                   count(*) FILTER (WHERE outcome = 'expired') AS expired,
                   coalesce(avg(latency_ms), 0) AS latency_avg,
                   coalesce(percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms), 0) AS p50,
                   coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), 0) AS p95,
                   coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms), 0) AS p99,
                   coalesce(sum(input_tokens), 0) AS input_tokens,
                   coalesce(sum(output_tokens), 0) AS output_tokens,
                   coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens
            FROM usage_event
            WHERE occurred_at >= ? AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
            GROUP BY provider, model
            ORDER BY provider, model
            """;

    private final AgroalDataSource dataSource;

    public UsageRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the event; returns false when it was already stored (a redelivery). */
    public boolean store(UsageEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, event.requestId());
            insert.setInt(2, event.attempt());
            insert.setTimestamp(3, Timestamp.from(event.timestamp()));
            insert.setString(4, event.provider());
            insert.setString(5, event.model());
            insert.setString(6, event.outcome().wireName());
            insert.setString(7, event.errorClass() == null ? null : event.errorClass().wireName());
            insert.setString(8, event.errorMessage());
            insert.setLong(9, event.latencyMs());
            if (event.timeToFirstTokenMs() == null) {
                insert.setNull(10, Types.BIGINT);
            } else {
                insert.setLong(10, event.timeToFirstTokenMs());
            }
            insert.setLong(11, event.inputTokens());
            insert.setLong(12, event.outputTokens());
            insert.setLong(13, event.cachedInputTokens());
            insert.setString(14, event.apiKeyId());
            return insert.executeUpdate() == 1;
        }
    }

    public List<ModelStats> stats(Instant since, String provider, String model) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(STATS)) {
            query.setTimestamp(1, Timestamp.from(since));
            query.setString(2, provider);
            query.setString(3, provider);
            query.setString(4, model);
            query.setString(5, model);
            List<ModelStats> stats = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long requests = rows.getLong("requests");
                    long successes = rows.getLong("successes");
                    stats.add(new ModelStats(rows.getString("provider"), rows.getString("model"), requests, successes,
                            rows.getLong("failures"), rows.getLong("expired"),
                            requests == 0 ? 0 : (double) successes / requests,
                            rows.getDouble("latency_avg"), rows.getDouble("p50"), rows.getDouble("p95"), rows.getDouble("p99"),
                            rows.getLong("input_tokens"), rows.getLong("output_tokens"), rows.getLong("cached_input_tokens")));
                }
            }
            return stats;
        }
    }
}

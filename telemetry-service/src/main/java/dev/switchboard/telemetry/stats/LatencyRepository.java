package dev.switchboard.telemetry.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.sql.Sql;

/** Recent counts and latency percentiles per provider and model, from the rollups and their latency histograms. */
@ApplicationScoped
public class LatencyRepository {

    /**
     * The minutes before the window's first whole hour come from the minute rollups, everything from that hour on from
     * the hour rollups, which the same transactions fill from the same deltas, so the sums are those of the minute rows
     * alone. Cost: one range scan of each table's primary key, at most 59 minute rows and 24 hour rows per rollup key
     * (provider, model, API key, task, policy) for a day, where the minute rows alone would be 1,440. The histograms
     * are added up here rather than in SQL, so that PostgreSQL only reads the window's rows: the point is to spare it
     * the work.
     */
    private static final String QUERY = """
            SELECT provider, model, requests, successes, failures, expired, cancelled, latency_histogram
            FROM usage_rollup_minute
            WHERE bucket_start >= ? AND bucket_start < ?
            UNION ALL
            SELECT provider, model, requests, successes, failures, expired, cancelled, latency_histogram
            FROM usage_rollup_hour
            WHERE bucket_start >= ?
            """;

    private final AgroalDataSource dataSource;

    public LatencyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The figures of the rollups from {@code since}, a whole minute, by provider then model. */
    public List<ModelLatency> since(Instant since) throws SQLException {
        Instant hour = since.truncatedTo(ChronoUnit.HOURS);
        Instant firstWholeHour = hour.equals(since) ? since : hour.plus(1, ChronoUnit.HOURS);
        Map<List<String>, Sums> byModel = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            Sql.bind(query, since, firstWholeHour, firstWholeHour);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Sums row = new Sums(rows.getLong("requests"), rows.getLong("successes"), rows.getLong("failures"),
                            rows.getLong("expired"), rows.getLong("cancelled"),
                            LatencyHistogram.of((Long[]) rows.getArray("latency_histogram").getArray()));
                    byModel.merge(List.of(rows.getString("provider"), rows.getString("model")), row, Sums::plus);
                }
            }
        }
        List<ModelLatency> models = new ArrayList<>();
        byModel.forEach((key, sums) -> models.add(sums.of(key.get(0), key.get(1))));
        models.sort(Comparator.comparing(ModelLatency::provider).thenComparing(ModelLatency::model));
        return models;
    }

    private record Sums(long requests, long successes, long failures, long expired, long cancelled,
            LatencyHistogram latency) {

        Sums plus(Sums other) {
            return new Sums(requests + other.requests, successes + other.successes, failures + other.failures,
                    expired + other.expired, cancelled + other.cancelled, latency.plus(other.latency));
        }

        ModelLatency of(String provider, String model) {
            return new ModelLatency(provider, model, requests, successes, failures, expired, cancelled,
                    ModelStats.successRate(requests, successes, cancelled), latency.total(), latency.percentile(0.50),
                    latency.percentile(0.95), latency.percentile(0.99));
        }
    }
}

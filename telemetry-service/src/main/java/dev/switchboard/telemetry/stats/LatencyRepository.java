package dev.switchboard.telemetry.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.sql.Sql;

/** Recent successes and latency percentiles per provider and model, from the minute rollups' latency histograms. */
@ApplicationScoped
public class LatencyRepository {

    /**
     * One range scan of the rollups' primary key. The histograms are added up here rather than in SQL, so that
     * PostgreSQL only reads the window's rows: the point is to spare it the work.
     */
    private static final String QUERY = """
            SELECT provider, model, successes, latency_histogram
            FROM usage_rollup_minute
            WHERE bucket_start >= ?
            """;

    private final AgroalDataSource dataSource;

    public LatencyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The figures of the minute rollups that start at or after {@code since}, by provider then model. */
    public List<ModelLatency> since(Instant since) throws SQLException {
        Map<List<String>, Sums> byModel = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            Sql.bind(query, since);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Sums row = new Sums(rows.getLong("successes"),
                            LatencyHistogram.of((Long[]) rows.getArray("latency_histogram").getArray()));
                    byModel.merge(List.of(rows.getString("provider"), rows.getString("model")), row, Sums::plus);
                }
            }
        }
        List<ModelLatency> models = new ArrayList<>();
        byModel.forEach((key, sums) -> models.add(new ModelLatency(key.get(0), key.get(1), sums.successes(),
                sums.latency().total(), sums.latency().percentile(0.50), sums.latency().percentile(0.95),
                sums.latency().percentile(0.99))));
        models.sort(Comparator.comparing(ModelLatency::provider).thenComparing(ModelLatency::model));
        return models;
    }

    private record Sums(long successes, LatencyHistogram latency) {

        Sums plus(Sums other) {
            return new Sums(successes + other.successes, latency.plus(other.latency));
        }
    }
}

package dev.switchboard.telemetry.attribution;

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

import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.sql.UsageSums;

/** Spend and usage over the raw events, grouped by operation, key, team, end user or tag, the costliest first. */
@ApplicationScoped
public class SpendRepository {

    private static final String QUERY = """
            SELECT %1$s AS id, %2$s AS name, %4$s
            FROM usage_event
            LEFT JOIN LATERAL unnest(tags) AS tag ON TRUE
            WHERE occurred_at >= ? AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
              AND %3$s
            GROUP BY 1
            ORDER BY cost_usd DESC, requests DESC, id NULLS LAST
            """;

    private final AgroalDataSource dataSource;

    public SpendRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SpendGroup> spend(SpendBy by, Instant since, String provider, String model, UsageFilter filter)
            throws SQLException {
        // Only grouping by tag needs a row per tag; otherwise each attempt is one row, whatever its tags.
        String sql = QUERY.formatted(by.idColumn(), by.nameColumn(), UsageFilter.CONDITION, UsageSums.OVER_EVENTS);
        if (by != SpendBy.TAG) {
            sql = sql.replace("LEFT JOIN LATERAL unnest(tags) AS tag ON TRUE\n", "");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            Sql.bind(query, filter.around(new Object[] { since, provider, provider, model, model }));
            List<SpendGroup> groups = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    BigDecimal cost = rows.getBigDecimal("cost_usd");
                    groups.add(new SpendGroup(rows.getString("id"), rows.getString("name"), rows.getLong("requests"),
                            rows.getLong("successes"), rows.getLong("failures"), rows.getLong("cache_hits"),
                            rows.getLong("input_tokens"), rows.getLong("output_tokens"), cost.stripTrailingZeros(),
                            rows.getLong("unpriced")));
                }
            }
            return groups;
        }
    }
}

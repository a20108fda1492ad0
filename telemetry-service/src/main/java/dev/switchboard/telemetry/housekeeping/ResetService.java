package dev.switchboard.telemetry.housekeeping;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

import dev.switchboard.telemetry.insights.ModelCatalog;
import dev.switchboard.telemetry.pricing.PriceBook;

/** Empties the telemetry tables in one transaction, counting what each held, and forgets the cached prices. */
@ApplicationScoped
public class ResetService {

    private static final List<String> TABLES = List.of("usage_event", "usage_rollup_minute", "usage_rollup_hour", "alert",
            "request_body");
    private static final List<String> KEPT = List.of(
            "Prometheus counters at /q/metrics (they only grow; Prometheus handles the restart of a counter)",
            "Kafka offsets: events already consumed are not read again",
            "the schema and its migration history");

    private final AgroalDataSource dataSource;
    private final PriceBook prices;
    private final ModelCatalog catalog;

    public ResetService(AgroalDataSource dataSource, PriceBook prices, ModelCatalog catalog) {
        this.dataSource = dataSource;
        this.prices = prices;
        this.catalog = catalog;
    }

    public ResetReport reset() throws SQLException {
        Map<String, Long> cleared = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                // The exclusive lock makes the counts exactly what TRUNCATE removes.
                statement.execute("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE");
                for (String table : TABLES) {
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        count.next();
                        cleared.put(table, count.getLong(1));
                    }
                }
                statement.execute("TRUNCATE " + String.join(", ", TABLES));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        cleared.put("cached_prices", (long) prices.clear());
        catalog.clear();
        Log.warnf("Telemetry reset by an admin: %s", cleared);
        return new ResetReport(Instant.now(), cleared, KEPT);
    }
}

package dev.switchboard.telemetry.pricing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.metrics.UsageMetrics;
import dev.switchboard.telemetry.stats.RollupDelta;
import dev.switchboard.telemetry.stats.RollupWriter;

/**
 * Prices again the events stored as unpriced within the re-pricing window, once the registry has a price that was in
 * force at their time. Each event is updated in its own transaction, only while still unpriced, together with its
 * rollups, so concurrent runs and replicas never add a cost twice.
 */
@ApplicationScoped
public class Repricer {

    private static final String MODELS = """
            SELECT DISTINCT provider, model FROM usage_event
            WHERE price_source = 'unpriced' AND NOT cache_hit AND occurred_at >= ?
            """;
    private static final String EVENTS = """
            SELECT request_id, attempt, occurred_at, input_tokens, cached_input_tokens, cache_write_tokens,
                   cache_write_1h_tokens, output_tokens, reasoning_tokens, api_key_id, route_task, route_policy,
                   operation
            FROM usage_event
            WHERE provider = ? AND model = ? AND price_source = 'unpriced' AND NOT cache_hit AND occurred_at >= ?
            ORDER BY occurred_at
            LIMIT 10000
            """;
    private static final String UPDATE = """
            UPDATE usage_event SET cost_usd = ?, price_source = ?, price_effective_from = ?, unpriced_reason = NULL
            WHERE request_id = ? AND attempt = ? AND price_source = 'unpriced'
            """;

    private static final int BATCH = 10_000;

    private final AgroalDataSource dataSource;
    private final PriceBook prices;
    private final UsageMetrics metrics;
    private final PricingConfig config;

    public Repricer(AgroalDataSource dataSource, PriceBook prices, UsageMetrics metrics, PricingConfig config) {
        this.dataSource = dataSource;
        this.prices = prices;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(every = "{switchboard.telemetry.pricing.reprice-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        int repriced = reprice(Instant.now());
        if (repriced > 0) {
            Log.infof("Priced %d events that had been stored as unpriced", repriced);
        }
    }

    /** Returns how many events were priced. */
    public int reprice(Instant now) throws SQLException {
        int repriced = 0;
        for (String[] model : unpricedModels(now.minus(config.repriceWindow()))) {
            PriceList list = prices.refreshed(model[0], model[1]);
            if (list != null) {
                Instant since = later(now.minus(config.repriceWindow()), list.earliestEffectiveFrom());
                repriced += reprice(model[0], model[1], list, since);
            }
        }
        return repriced;
    }

    private int reprice(String provider, String model, PriceList list, Instant since) throws SQLException {
        int repriced = 0;
        while (true) {
            List<Unpriced> batch = unpricedEvents(provider, model, since);
            int before = repriced;
            for (Unpriced event : batch) {
                Pricing pricing = list.pricing(event.at(), event.tokens());
                if (pricing.priced() && update(provider, model, event, pricing)) {
                    metrics.repriced(provider, model, event.operation(), pricing.costUsd());
                    repriced++;
                }
            }
            if (batch.size() < BATCH || repriced == before) {
                return repriced;
            }
        }
    }

    private boolean update(String provider, String model, Unpriced event, Pricing pricing) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setBigDecimal(1, pricing.costUsd());
                update.setString(2, pricing.source());
                update.setTimestamp(3, pricing.effectiveFrom() == null ? null : Timestamp.from(pricing.effectiveFrom()));
                update.setString(4, event.requestId());
                update.setInt(5, event.attempt());
                boolean updated = update.executeUpdate() == 1;
                if (updated) {
                    RollupWriter.add(connection, RollupDelta.repriced(event.at(), provider, model, event.apiKeyId(),
                            event.task(), event.policy(), pricing.costUsd()));
                }
                connection.commit();
                return updated;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<String[]> unpricedModels(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(MODELS)) {
            query.setTimestamp(1, Timestamp.from(since));
            List<String[]> models = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    models.add(new String[] { rows.getString(1), rows.getString(2) });
                }
            }
            return models;
        }
    }

    private List<Unpriced> unpricedEvents(String provider, String model, Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(EVENTS)) {
            query.setString(1, provider);
            query.setString(2, model);
            query.setTimestamp(3, Timestamp.from(since));
            List<Unpriced> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new Unpriced(rows.getString("request_id"), rows.getInt("attempt"),
                            rows.getTimestamp("occurred_at").toInstant(),
                            new TokenCounts(rows.getLong("input_tokens"), rows.getLong("output_tokens"),
                                    rows.getLong("cached_input_tokens"), rows.getLong("reasoning_tokens"),
                                    rows.getLong("cache_write_tokens"), rows.getLong("cache_write_1h_tokens")),
                            rows.getString("api_key_id"), rows.getString("route_task"), rows.getString("route_policy"),
                            Operation.of(rows.getString("operation"))));
                }
            }
            return events;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    /** An unpriced event's key, time, tokens, rollup key and operation. */
    private record Unpriced(String requestId, int attempt, Instant at, TokenCounts tokens, String apiKeyId, String task,
            String policy, Operation operation) {
    }
}

package dev.switchboard.telemetry.service;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.config.TelemetryConfig;

/**
 * Prices and stores one event. A database that is down or busy is waited for, with backoff, rather than losing or
 * dead-lettering the event: the offset is committed only once the write is done. What the database refuses as data
 * (SQL states 22 and 23) can never be stored and is dead-lettered.
 */
@ApplicationScoped
public class UsageIngestor {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PriceBook prices;
    private final UsageStore store;
    private final UsageMetrics metrics;
    private final TelemetryConfig.Retention retention;

    public UsageIngestor(PriceBook prices, UsageStore store, UsageMetrics metrics, TelemetryConfig config) {
        this.prices = prices;
        this.store = store;
        this.metrics = metrics;
        this.retention = config.retention();
    }

    /** Returns false for a redelivered event that was already stored. */
    public boolean ingest(UsageEvent event) {
        // Past raw retention the stored copy may have been deleted, so a redelivery could not be recognised.
        if (event.timestamp().isBefore(Instant.now().minus(retention.raw()))) {
            throw new InvalidUsageEvent("usage event is older than the raw retention of " + retention.raw()
                    + " and could be counted twice");
        }
        Pricing pricing = prices.price(event);
        boolean stored = storeWithBackoff(event, pricing);
        if (stored) {
            metrics.stored(event, pricing);
        } else {
            metrics.duplicate();
        }
        return stored;
    }

    private boolean storeWithBackoff(UsageEvent event, Pricing pricing) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return store.store(event, pricing);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.startsWith("22") || state.startsWith("23")) {
                    throw new InvalidUsageEvent("usage event refused by the database: " + e.getMessage());
                }
                Log.warnf("Storing usage event %s/%d failed (%s); retrying in %d ms", event.requestId(), event.attempt(),
                        e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("shutting down before the usage event could be stored", e);
        }
    }
}

package dev.switchboard.telemetry.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.config.TelemetryConfig;
import dev.switchboard.telemetry.ingest.UsageStore.PricedEvent;
import dev.switchboard.telemetry.metrics.UsageMetrics;
import dev.switchboard.telemetry.pricing.PriceBook;

/**
 * Prices and stores events, a batch in one transaction. A database that is down or busy is waited for, with backoff,
 * rather than losing or dead-lettering events: the offsets are committed only once the write is done. What the database
 * refuses as data (SQL states 22 and 23) can never be stored: the batch is then written event by event, so that only
 * the refused event is dead-lettered.
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

    /** What became of a batch: how many events were new, and why any were refused, by their index in the batch. */
    public record BatchResult(int stored, Map<Integer, String> refused) {
    }

    /** Returns false for a redelivered event that was already stored; throws when the event can never be stored. */
    public boolean ingest(UsageEvent event) {
        BatchResult result = ingestAll(List.of(event));
        if (!result.refused().isEmpty()) {
            throw new InvalidUsageEvent(result.refused().get(0));
        }
        return result.stored() == 1;
    }

    public BatchResult ingestAll(List<UsageEvent> events) {
        Map<Integer, String> refused = new TreeMap<>();
        List<Integer> indexes = new ArrayList<>();
        List<PricedEvent> priced = new ArrayList<>();
        // Past raw retention the stored copy may have been deleted, so a redelivery could not be recognised.
        Instant oldest = Instant.now().minus(retention.raw());
        for (int i = 0; i < events.size(); i++) {
            UsageEvent event = events.get(i);
            if (event.timestamp().isBefore(oldest)) {
                refused.put(i, "usage event is older than the raw retention of " + retention.raw()
                        + " and could be counted twice");
            } else {
                indexes.add(i);
                priced.add(new PricedEvent(event, prices.price(event)));
            }
        }
        int stored = 0;
        try {
            stored = recordStored(priced, storeWithBackoff(priced));
        } catch (InvalidUsageEvent batchRefused) {
            for (int i = 0; i < priced.size(); i++) {
                try {
                    stored += recordStored(List.of(priced.get(i)), storeWithBackoff(List.of(priced.get(i))));
                } catch (InvalidUsageEvent e) {
                    refused.put(indexes.get(i), e.getMessage());
                }
            }
        }
        return new BatchResult(stored, refused);
    }

    private int recordStored(List<PricedEvent> events, boolean[] inserted) {
        int stored = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                metrics.stored(events.get(i).event(), events.get(i).pricing());
                stored++;
            } else {
                metrics.duplicate();
            }
        }
        return stored;
    }

    private boolean[] storeWithBackoff(List<PricedEvent> events) {
        if (events.isEmpty()) {
            return new boolean[0];
        }
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return store.storeAll(events);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.startsWith("22") || state.startsWith("23")) {
                    throw new InvalidUsageEvent("usage event refused by the database: " + e.getMessage());
                }
                Log.warnf("Storing %d usage events failed (%s); retrying in %d ms", events.size(), e.getMessage(),
                        backoff.toMillis());
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
            throw new IllegalStateException("shutting down before the usage events could be stored", e);
        }
    }
}

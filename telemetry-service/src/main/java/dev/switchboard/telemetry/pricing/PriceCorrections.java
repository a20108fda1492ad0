package dev.switchboard.telemetry.pricing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.telemetry.client.RegistryClient;
import dev.switchboard.telemetry.client.RegistryPriceChange;
import dev.switchboard.telemetry.config.TelemetryConfig;
import dev.switchboard.telemetry.sql.Sql;

/**
 * Recomputes the past when a price is corrected: asks the registry for the price rows set since it last looked, and
 * for each model with one prices its stored events again from the earliest effective date among them (bounded by the
 * raw retention), rollups included. Each replica looks for itself and drops its cached prices of a corrected model
 * before rewriting, so an event one replica priced at the old price meanwhile is corrected too; the rewrite is
 * idempotent. The point reached is kept in the database, so a restart resumes where it stopped; on the very first run
 * it is now, and rows set before are not corrections to recompute.
 */
@ApplicationScoped
public class PriceCorrections {

    /** Rows set just before the point reached are asked for again, in case their transaction committed late. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final String READ = "SELECT seen_until FROM price_correction_watermark WHERE id = 1";
    private static final String SAVE = """
            INSERT INTO price_correction_watermark (id, seen_until) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET seen_until = greatest(price_correction_watermark.seen_until, EXCLUDED.seen_until)
            """;

    private final AgroalDataSource dataSource;
    private final RegistryClient registry;
    private final PriceBook prices;
    private final CostRewriter rewriter;
    private final TelemetryConfig config;
    /** The rows applied within the overlap, by id, with when each was set. */
    private final Map<String, Instant> applied = new ConcurrentHashMap<>();
    private volatile Instant seenUntil;

    public PriceCorrections(AgroalDataSource dataSource, RegistryClient registry, PriceBook prices, CostRewriter rewriter,
            TelemetryConfig config) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.prices = prices;
        this.rewriter = rewriter;
        this.config = config;
    }

    @Scheduled(every = "{switchboard.telemetry.pricing.corrections-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        long changed = apply();
        if (changed > 0) {
            Log.infof("Priced %d stored events again after price corrections", changed);
        }
    }

    /** Applies the corrections set since the last run; returns how many stored events changed cost. */
    public synchronized long apply() throws SQLException {
        if (seenUntil == null) {
            seenUntil = stored().orElseGet(Instant::now);
            save(seenUntil);
        }
        Optional<List<RegistryPriceChange>> changes = registry.priceChanges(seenUntil.minus(OVERLAP));
        if (changes.isEmpty()) {
            return 0;
        }
        Map<String, Corrected> models = new LinkedHashMap<>();
        Instant reached = seenUntil;
        for (RegistryPriceChange change : changes.get()) {
            if (change.price() == null || !change.price().active() || applied.containsKey(change.id())) {
                continue;
            }
            Instant from = change.price().effectiveFrom() == null ? Instant.EPOCH : change.price().effectiveFrom();
            models.merge(change.provider() + "/" + change.modelId(),
                    new Corrected(change.provider(), change.modelId(), from),
                    (a, b) -> a.from().isBefore(b.from()) ? a : b);
            if (change.price().setAt() != null && change.price().setAt().isAfter(reached)) {
                reached = change.price().setAt();
            }
        }
        long changed = 0;
        Instant oldest = Instant.now().minus(config.retention().raw());
        for (Corrected model : models.values()) {
            PriceList list = prices.reloaded(model.provider(), model.modelId());
            if (list != null) {
                changed += rewriter.rewrite(model.provider(), model.modelId(), list,
                        model.from().isBefore(oldest) ? oldest : model.from());
            }
        }
        changes.get().forEach(change -> applied.put(change.id(), setAt(change)));
        Instant forgotten = reached.minus(OVERLAP);
        applied.values().removeIf(setAt -> setAt.isBefore(forgotten));
        seenUntil = reached;
        save(reached);
        return changed;
    }

    private static Instant setAt(RegistryPriceChange change) {
        return change.price() == null || change.price().setAt() == null ? Instant.EPOCH : change.price().setAt();
    }

    private Optional<Instant> stored() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(READ);
                ResultSet rows = read.executeQuery()) {
            return rows.next() ? Optional.of(rows.getTimestamp(1).toInstant()) : Optional.empty();
        }
    }

    private void save(Instant reached) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement save = connection.prepareStatement(SAVE)) {
            Sql.bind(save, reached);
            save.executeUpdate();
        }
    }

    /** A model with corrected prices, and the earliest effective date among them. */
    private record Corrected(String provider, String modelId, Instant from) {
    }
}

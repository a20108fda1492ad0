package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.registry.CatalogChange;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelPrice;

/**
 * Prices usage events for budgets at the registry's own prices in force at each event's time, as telemetry does; the
 * prices of a model are kept in memory and forgotten when the catalog announces a change of it. A model without a price
 * costs what the call's attribution states its budget reserved at (the router's {@code unpriced-model-price}), and
 * nothing when it states none: routers refuse a budgeted call on an unpriced model without one.
 */
@ApplicationScoped
public class UsagePricer {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final Map<String, Prices> cache = new ConcurrentHashMap<>();

    /** Must run inside a transaction (the prices may be read from the database). */
    public BigDecimal cost(UsageEvent event) {
        if (event.cacheHit() || event.inputTokens() + event.outputTokens() <= 0) {
            return BigDecimal.ZERO;
        }
        Instant now = Instant.now();
        Prices prices = cache.compute(event.provider() + "/" + event.model(),
                (key, cached) -> cached != null && cached.loadedAt().plus(TTL).isAfter(now) ? cached
                        : load(event.provider(), event.model(), now));
        ModelPrice price = prices.inForceAt(event.timestamp());
        if (price == null) {
            TokenPrices stated = event.attribution() == null ? null : event.attribution().unpricedModelPrice();
            return stated == null ? BigDecimal.ZERO : stated.cost(TokenCounts.of(event));
        }
        return new TokenPrices(price.inputPerMillion, price.outputPerMillion, price.cachedInputPerMillion,
                price.reasoningPerMillion, price.cacheWritePerMillion, price.cacheWrite1hPerMillion)
                .cost(TokenCounts.of(event));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChange change) {
        cache.remove(change.key());
    }

    private static Prices load(String provider, String modelId, Instant now) {
        List<ModelPrice> active = Model.findByName(provider, modelId)
                .map(model -> ModelPrice.history(model.id).stream().filter(p -> ModelPrice.ACTIVE.equals(p.status)).toList())
                .orElse(List.of());
        return new Prices(active, now);
    }

    /** A model's active prices, newest effective date first. */
    private record Prices(List<ModelPrice> newestFirst, Instant loadedAt) {

        ModelPrice inForceAt(Instant at) {
            return newestFirst.stream().filter(price -> !price.effectiveFrom.isAfter(at)).findFirst().orElse(null);
        }
    }
}

package dev.switchboard.telemetry.pricing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.client.ModelLookup;
import dev.switchboard.telemetry.client.RegistryClient;

/**
 * Prices usage events from the registry's effective-dated prices, cached in memory per model. A model the registry
 * does not know, has no price for, or cannot be asked about is remembered for a shorter time, so that ingestion
 * never waits on it; such events are stored as unpriced and priced again later by {@link Repricer}.
 */
@ApplicationScoped
public class PriceBook {

    private final RegistryClient registry;
    private final PricingConfig config;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public PriceBook(RegistryClient registry, PricingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public Pricing price(UsageEvent event) {
        if (event.cacheHit()) {
            return Pricing.cacheHit();
        }
        Entry entry = entry(event.provider(), event.model(), Instant.now());
        if (entry.prices() == null) {
            return Pricing.unpriced(entry.missReason());
        }
        return entry.prices().pricing(event.timestamp(), TokenCounts.of(event));
    }

    /** The model's prices, asked again of the registry unless a found list is still fresh; null when there are none. */
    public PriceList refreshed(String provider, String model) {
        String key = key(provider, model);
        Entry cached = cache.get(key);
        Instant now = Instant.now();
        if (cached == null || cached.prices() == null || cached.expiresAt().isBefore(now)) {
            cached = fetch(provider, model, now);
            cache.put(key, cached);
        }
        return cached.prices();
    }

    /** The model's prices as the registry has them now, which replace the cached ones; null when there are none. */
    public PriceList reloaded(String provider, String model) {
        Entry fresh = fetch(provider, model, Instant.now());
        cache.put(key(provider, model), fresh);
        return fresh.prices();
    }

    /** Forgets every cached price; returns how many models were cached. */
    public int clear() {
        int size = cache.size();
        cache.clear();
        return size;
    }

    private Entry entry(String provider, String model, Instant now) {
        return cache.compute(key(provider, model),
                (key, cached) -> cached != null && cached.expiresAt().isAfter(now) ? cached : fetch(provider, model, now));
    }

    private Entry fetch(String provider, String model, Instant now) {
        ModelLookup lookup = registry.model(provider, model);
        if (lookup.unavailable()) {
            return new Entry(null, "registry_unavailable", now.plus(config.missTtl()));
        }
        if (lookup.model() == null) {
            return new Entry(null, "unknown_model", now.plus(config.missTtl()));
        }
        PriceList prices = PriceList.of(lookup.model());
        if (prices.isEmpty()) {
            return new Entry(null, "no_price", now.plus(config.missTtl()));
        }
        return new Entry(prices, null, now.plus(config.cacheTtl()));
    }

    private static String key(String provider, String model) {
        return provider + "/" + model;
    }

    /** A cached answer: the prices, or why there are none. */
    private record Entry(PriceList prices, String missReason, Instant expiresAt) {
    }
}

package dev.switchboard.telemetry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How one event was priced: its cost in USD and the price's source, or {@code unpriced} with the reason
 * ({@code no_price}, {@code unknown_model}, {@code registry_unavailable}).
 */
public record Pricing(BigDecimal costUsd, String source, Instant effectiveFrom, String unpricedReason) {

    public static final String UNPRICED = "unpriced";
    /** The router answered from its cache: no provider tokens, no cost. */
    public static final String CACHE_HIT = "cache_hit";

    public static Pricing unpriced(String reason) {
        return new Pricing(null, UNPRICED, null, reason);
    }

    public static Pricing cacheHit() {
        return new Pricing(BigDecimal.ZERO, CACHE_HIT, null, null);
    }

    public boolean priced() {
        return costUsd != null;
    }
}

package dev.switchboard.registry;

import java.time.Instant;

/**
 * A synced price that differs from the price in force, with both prices and their sources. {@code resolution} is
 * {@code applied} (the synced price went in force over it), {@code pending} (a manual price is in force; the synced
 * one waits for {@code POST /models/{provider}/{modelId}/prices/accept}) or {@code accepted} (an operator accepted it
 * since). {@code lastSeenAt} is the last sync that found the difference.
 */
public record PriceDriftView(
        String model,
        String provider,
        String modelId,
        String resolution,
        Instant detectedAt,
        Instant lastSeenAt,
        PriceView inForce,
        PriceView synced) {
}

package dev.switchboard.registry.service.sync;

import java.math.BigDecimal;

/**
 * A price a synced catalog states, in USD per million tokens (the registry's unit), rounded to the six decimals the
 * registry keeps. Kinds the source does not price apart are null.
 */
public record SyncedPrice(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal cacheWriteCostPerMillion,
        BigDecimal cacheWrite1hCostPerMillion,
        BigDecimal reasoningCostPerMillion) {
}

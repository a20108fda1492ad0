package dev.switchboard.registry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A manual price, USD per million tokens, with the same kinds and defaults as {@link PriceView}. {@code effectiveFrom} defaults
 * to now; a past one corrects that period, and
 * the history keeps the row it supersedes. {@code sourceReference} and {@code note} say where the figure came from.
 */
public record PriceWrite(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal reasoningCostPerMillion,
        BigDecimal cacheWriteCostPerMillion,
        BigDecimal cacheWrite1hCostPerMillion,
        Instant effectiveFrom,
        String sourceReference,
        String note) {
}

package dev.switchboard.registry;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A price row as the API shows it, in USD per million tokens. A kind without its own price costs as another:
 * {@code cachedInputCostPerMillion} and {@code cacheWriteCostPerMillion} as input, {@code cacheWrite1hCostPerMillion}
 * as the 5-minute write, {@code reasoningCostPerMillion} as output.
 */
public record PriceView(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal reasoningCostPerMillion,
        BigDecimal cacheWriteCostPerMillion,
        BigDecimal cacheWrite1hCostPerMillion,
        Instant effectiveFrom,
        String source,
        String sourceReference,
        String note,
        String status,
        String catalogVersion,
        Instant setAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant fetchedAt) {

    public static PriceView of(ModelPrice price) {
        return new PriceView(plain(price.inputPerMillion), plain(price.outputPerMillion), plain(price.cachedInputPerMillion),
                plain(price.reasoningPerMillion), plain(price.cacheWritePerMillion), plain(price.cacheWrite1hPerMillion),
                price.effectiveFrom, price.source, price.sourceReference, price.note,
                price.status, price.catalogVersion, price.setAt, price.fetchedAt);
    }

    /** Drops the column's fixed scale, so 2.500000 reads as 2.5, and 20.000000 as 20 rather than 2E+1. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

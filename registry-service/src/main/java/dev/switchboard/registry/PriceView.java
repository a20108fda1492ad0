package dev.switchboard.registry;

import java.math.BigDecimal;
import java.time.Instant;

/** A price row as the API shows it, in USD per million tokens. */
public record PriceView(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal reasoningCostPerMillion,
        Instant effectiveFrom,
        String source,
        String sourceReference,
        String note,
        String status,
        String catalogVersion,
        Instant setAt) {

    public static PriceView of(ModelPrice price) {
        return new PriceView(plain(price.inputPerMillion), plain(price.outputPerMillion), plain(price.cachedInputPerMillion),
                plain(price.reasoningPerMillion), price.effectiveFrom, price.source, price.sourceReference, price.note,
                price.status, price.catalogVersion, price.setAt);
    }

    /** Drops the column's fixed scale, so 2.500000 reads as 2.5. */
    static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}

package dev.switchboard.contracts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A model's prices in USD per million tokens, and the one place the cost of tokens is computed: telemetry's figures,
 * the registry's spend and the router's reservations all come from {@link #cost}. Input tokens include the cached ones,
 * as providers report them, so the cached part is billed at the cached price (the input price when there is none).
 */
public record TokenPrices(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** USD for the tokens, to 12 decimal places. */
    public BigDecimal cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long cached = Math.max(0, Math.min(cachedInputTokens, inputTokens));
        long uncached = Math.max(0, inputTokens - cached);
        BigDecimal cachedPrice = cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
        BigDecimal total = inputPerMillion.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(cached)))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(Math.max(0, outputTokens))));
        return total.divide(MILLION, MathContext.DECIMAL64).setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The most the tokens can cost: every input token at the input price (none cached). */
    public BigDecimal worstCase(long inputTokens, long outputTokens) {
        return cost(inputTokens, 0, outputTokens);
    }
}

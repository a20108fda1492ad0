package dev.switchboard.contracts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A model's prices in USD per million tokens, and the one place the cost of tokens is computed: telemetry's figures,
 * the registry's spend and the router's reservations all come from {@link #cost}. Each kind of token is billed at its
 * own price; a kind without one costs as another, as {@link ModelChanged.Price} says: cached input and cache writes as
 * input, 1-hour cache writes as the 5-minute ones, reasoning as output.
 */
public record TokenPrices(
        BigDecimal inputPerMillion,
        BigDecimal outputPerMillion,
        BigDecimal cachedInputPerMillion,
        BigDecimal reasoningPerMillion,
        BigDecimal cacheWritePerMillion,
        BigDecimal cacheWrite1hPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Prices of input, cached input and output only; the other kinds cost as input and output. */
    public TokenPrices(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, null, null, null);
    }

    /** USD for input tokens (the cached ones among them), and output tokens, to 12 decimal places. */
    public BigDecimal cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        return cost(new TokenCounts(inputTokens, outputTokens, cachedInputTokens));
    }

    /**
     * USD for the tokens, to 12 decimal places. A count larger than the one that includes it is cut to it, so a
     * provider's inconsistent usage never bills a token twice.
     */
    public BigDecimal cost(TokenCounts tokens) {
        long input = Math.max(0, tokens.input());
        long cached = clamp(tokens.cachedInput(), input);
        long written = clamp(tokens.cacheWrite(), input - cached);
        long written1h = clamp(tokens.cacheWrite1h(), written);
        long output = Math.max(0, tokens.output());
        long reasoning = clamp(tokens.reasoning(), output);
        BigDecimal writePrice = or(cacheWritePerMillion, inputPerMillion);
        BigDecimal total = inputPerMillion.multiply(BigDecimal.valueOf(input - cached - written))
                .add(or(cachedInputPerMillion, inputPerMillion).multiply(BigDecimal.valueOf(cached)))
                .add(writePrice.multiply(BigDecimal.valueOf(written - written1h)))
                .add(or(cacheWrite1hPerMillion, writePrice).multiply(BigDecimal.valueOf(written1h)))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(output - reasoning)))
                .add(or(reasoningPerMillion, outputPerMillion).multiply(BigDecimal.valueOf(reasoning)));
        return total.divide(MILLION, MathContext.DECIMAL64).setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /**
     * The most the tokens can cost: every input token at the dearest input kind (none cached), every output token at
     * the dearer of output and reasoning.
     */
    public BigDecimal worstCase(long inputTokens, long outputTokens) {
        BigDecimal writePrice = or(cacheWritePerMillion, inputPerMillion);
        BigDecimal input = inputPerMillion.max(writePrice).max(or(cacheWrite1hPerMillion, writePrice));
        BigDecimal output = outputPerMillion.max(or(reasoningPerMillion, outputPerMillion));
        return new TokenPrices(input, output, null).cost(inputTokens, 0, outputTokens);
    }

    private static long clamp(long count, long bound) {
        return Math.max(0, Math.min(count, bound));
    }

    private static BigDecimal or(BigDecimal price, BigDecimal fallback) {
        return price == null ? fallback : price;
    }
}

package dev.switchboard.registry;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Cost arithmetic on prices: the blended price used for filtering, and the cost of an expected request. */
public final class Costs {

    private static final BigDecimal THREE = BigDecimal.valueOf(3);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private Costs() {
    }

    /** USD per million tokens for a 3:1 mix of input and output tokens, the usual shape of chat traffic. */
    public static BigDecimal blended(ModelPrice price) {
        return price == null ? null
                : PriceView.plain(price.inputPerMillion.multiply(THREE).add(price.outputPerMillion).divide(FOUR, 6,
                        RoundingMode.HALF_UP));
    }

    /** USD for one request with the given token counts, all input billed at the uncached rate. */
    public static BigDecimal estimate(BigDecimal inputPerMillion, BigDecimal outputPerMillion, long inputTokens,
            long outputTokens) {
        BigDecimal cost = inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)));
        return PriceView.plain(cost.divide(MILLION, 8, RoundingMode.HALF_UP));
    }
}

package dev.switchboard.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The unit costs models are compared on, in statistics and insights alike: USD per successful call and USD per
 * thousand tokens (input and output together). Each is null where its denominator is zero.
 */
public final class UnitCosts {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private UnitCosts() {
    }

    /** The cost of every attempt (failed ones included) shared among the successful ones. */
    public static BigDecimal perSuccess(BigDecimal cost, double successes) {
        if (cost == null || successes <= 0) {
            return null;
        }
        return scaled(cost.divide(BigDecimal.valueOf(successes), MathContext.DECIMAL64));
    }

    public static BigDecimal per1kTokens(BigDecimal cost, long tokens) {
        if (cost == null || tokens <= 0) {
            return null;
        }
        return scaled(cost.multiply(THOUSAND).divide(BigDecimal.valueOf(tokens), MathContext.DECIMAL64));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}

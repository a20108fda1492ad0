package dev.switchboard.router.governance;

import java.math.BigDecimal;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.TokenPrices;

/** What tokens cost at a model's prices, every kind at its own price; zero when the model has no price. */
final class Costs {

    private Costs() {
    }

    static BigDecimal of(TokenPrices prices, TokenCounts tokens) {
        if (prices == null) {
            return tokens == null ? null : BigDecimal.ZERO;
        }
        return tokens == null ? null : prices.cost(tokens);
    }
}

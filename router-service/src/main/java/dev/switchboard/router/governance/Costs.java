package dev.switchboard.router.governance;

import java.math.BigDecimal;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.CatalogModel;

/** What tokens cost on a model, every kind at its own catalog price; zero when the model has no price. */
final class Costs {

    private Costs() {
    }

    static BigDecimal of(CatalogModel model, TokenCounts tokens) {
        TokenPrices prices = model == null || model.price() == null ? null : model.price().tokenPrices();
        if (prices == null) {
            return tokens == null ? null : BigDecimal.ZERO;
        }
        return tokens == null ? null : prices.cost(tokens);
    }
}

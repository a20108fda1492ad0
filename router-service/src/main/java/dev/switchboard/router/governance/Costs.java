package dev.switchboard.router.governance;

import java.math.BigDecimal;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.CatalogModel;

/** What tokens cost on a model, at the catalog's prices; null when the model has no price. */
final class Costs {

    private Costs() {
    }

    static BigDecimal of(CatalogModel model, TokenCounts tokens) {
        if (model == null || model.price() == null || model.price().inputCostPerMillion() == null
                || model.price().outputCostPerMillion() == null) {
            return tokens == null ? null : BigDecimal.ZERO;
        }
        if (tokens == null) {
            return null;
        }
        return new TokenPrices(model.price().inputCostPerMillion(), model.price().outputCostPerMillion(),
                model.price().cachedInputCostPerMillion()).cost(tokens.input(), tokens.cachedInput(), tokens.output());
    }
}

package dev.switchboard.router.governance;

import jakarta.inject.Singleton;

import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.config.GovernanceConfig;
import dev.switchboard.router.service.ModelCatalog;

/**
 * The prices governance reserves and settles a call at: the catalog's. A model the catalog lists at zero is free. For
 * a model it has no price for (listed unpriced, or not listed at all), a call a budget covers takes the operator's
 * stated {@code unpriced-model-price}, and without one has no price: it is refused, since its cost could not be
 * reserved. A call no budget covers is priced at the catalog's prices only.
 */
@Singleton
public class BudgetPrices {

    private final ModelCatalog catalog;
    private final TokenPrices unpriced;

    public BudgetPrices(ModelCatalog catalog, GovernanceConfig config) {
        this.catalog = catalog;
        this.unpriced = config.unpricedModelPrice()
                .map(price -> new TokenPrices(price.inputPerMillion(), price.outputPerMillion(), null)).orElse(null);
    }

    /** The call's prices on the candidate; null when it has none. */
    TokenPrices of(Admission admission, Candidate candidate) {
        CatalogModel model = catalog.find(candidate.qualified()).orElse(null);
        TokenPrices listed = model == null || model.price() == null ? null : model.price().tokenPrices();
        return listed == null && admission.budgeted ? unpriced : listed;
    }

    /** Whether a call may run on the candidate: one no budget covers may run on any; a budgeted one needs a price. */
    boolean reservable(Admission admission, Candidate candidate) {
        return !admission.budgeted || of(admission, candidate) != null;
    }

    /** The price the call's usage on an unpriced model is to be counted at, for the attribution; null for none. */
    TokenPrices forUnpriced(Admission admission) {
        return admission.budgeted ? unpriced : null;
    }
}

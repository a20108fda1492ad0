package dev.switchboard.router.governance;

import jakarta.inject.Singleton;

import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.service.ModelCatalog;

/**
 * The prices governance reserves and settles a call at: the catalog's. A model the catalog lists at zero is free; a
 * model it has no price for (listed unpriced, or not listed at all) has none, and a call a budget covers is refused on
 * it, since its cost could not be reserved.
 */
@Singleton
public class BudgetPrices {

    private final ModelCatalog catalog;

    public BudgetPrices(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The candidate's prices; null when it has none. */
    TokenPrices of(Candidate candidate) {
        CatalogModel model = catalog.find(candidate.qualified()).orElse(null);
        return model == null || model.price() == null ? null : model.price().tokenPrices();
    }

    /** Whether a call may run on the candidate: one no budget covers may run on any; a budgeted one needs a price. */
    boolean reservable(Admission admission, Candidate candidate) {
        return !admission.budgeted || of(candidate) != null;
    }
}

package dev.switchboard.router.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.router.service.ModelCatalog;

/**
 * Ready only once the model catalog has been read from the registry: before, no call could be priced, so a budgeted
 * key's calls would reserve nothing, and {@code auto} and aliases would have no candidates.
 */
@Readiness
public class CatalogHealthCheck implements HealthCheck {

    private final ModelCatalog catalog;

    public CatalogHealthCheck(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Model catalog").status(catalog.isLoaded())
                .withData("models", catalog.models().size()).build();
    }
}

package dev.switchboard.telemetry.insights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.client.RegistryClient;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.pricing.PricingConfig;

/** The registry's model list (quality tiers, capabilities, current prices), fetched at most once per cache period. */
@ApplicationScoped
public class ModelCatalog {

    private final RegistryClient registry;
    private final PricingConfig config;
    private volatile Snapshot snapshot;

    public ModelCatalog(RegistryClient registry, PricingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** The models, or empty when the registry cannot be reached and nothing was fetched before. */
    public Optional<List<RegistryModel>> models() {
        Snapshot cached = snapshot;
        if (cached == null || cached.expiresAt().isBefore(Instant.now())) {
            Optional<List<RegistryModel>> fetched = registry.allModels();
            if (fetched.isPresent()) {
                cached = new Snapshot(fetched.get(), Instant.now().plus(config.catalogTtl()));
                snapshot = cached;
            } else if (cached == null) {
                return Optional.empty();
            }
        }
        return Optional.of(cached.models());
    }

    public void clear() {
        snapshot = null;
    }

    private record Snapshot(List<RegistryModel> models, Instant expiresAt) {
    }
}

package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.DeletedModel;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.Origin;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.RefreshResult.ProviderRefresh;
import dev.switchboard.registry.client.AdapterListing;
import dev.switchboard.registry.config.RegistryConfig;

/**
 * Applies one provider's model list: new models are added (available, unpriced, with placeholder limits), models no
 * longer listed are marked unavailable and never deleted, and listed unavailable ones become available again.
 */
@ApplicationScoped
public class DiscoveryApplier {

    private final CatalogEvents events;
    private final RegistryConfig.Discovery defaults;

    public DiscoveryApplier(CatalogEvents events, RegistryConfig config) {
        this.events = events;
        this.defaults = config.discovery();
    }

    @Transactional
    public ProviderRefresh apply(String providerName, String adapter, AdapterListing listing) {
        Provider provider = Provider.findById(providerName);
        Instant now = Instant.now();
        switch (listing.outcome()) {
            case NOT_SERVED:
                return new ProviderRefresh(providerName, "not_served", adapter, 0, List.of(), List.of(), List.of(),
                        listing.message());
            case UNREACHABLE:
                provider.status = "down";
                return new ProviderRefresh(providerName, "unreachable", adapter, 0, List.of(), List.of(), List.of(),
                        listing.message());
            default:
                break;
        }
        provider.status = "up";
        provider.lastSeen = now;
        Set<String> listed = new HashSet<>(listing.modelIds());
        List<String> added = new ArrayList<>(), retired = new ArrayList<>(), restored = new ArrayList<>();
        for (Model model : Model.listByProvider(providerName)) {
            boolean present = listed.remove(model.modelId);
            if (present) {
                model.lastSeen = now;
            }
            if (present && !model.available) {
                model.available = true;
                restored.add(model.name());
                events.changed(model, ModelChanged.RESTORED);
            } else if (!present && model.available) {
                model.available = false;
                retired.add(model.name());
                events.changed(model, ModelChanged.RETIRED);
            }
        }
        for (String modelId : listing.modelIds().stream().filter(listed::contains).sorted().distinct().toList()) {
            if (DeletedModel.isDeleted(providerName, modelId)) {
                continue;
            }
            Model model = discovered(providerName, modelId, now);
            model.persist();
            added.add(model.name());
            events.changed(model, ModelChanged.CREATED);
        }
        return new ProviderRefresh(providerName, "refreshed", adapter, listing.modelIds().size(), added, retired,
                restored, null);
    }

    private Model discovered(String provider, String modelId, Instant now) {
        Model model = new Model();
        model.provider = provider;
        model.modelId = modelId;
        model.displayName = modelId;
        model.description = "Found by discovery; limits, capabilities and tiers are placeholders and the price is unknown"
                + " until an operator describes the model.";
        model.capabilities = List.of("text");
        model.contextWindow = defaults.contextWindow();
        model.maxOutputTokens = Math.min(defaults.maxOutputTokens(), defaults.contextWindow());
        model.latencyTier = "medium";
        model.qualityTier = "basic";
        model.origin = Origin.DISCOVERY;
        model.available = true;
        model.lastSeen = now;
        return model;
    }
}

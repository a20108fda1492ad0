package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.CatalogChange;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Provider;

/** Announces catalog changes; they are published once the transaction that made them has committed. */
@ApplicationScoped
public class CatalogEvents {

    private final Event<CatalogChange> events;

    public CatalogEvents(Event<CatalogChange> events) {
        this.events = events;
    }

    public void changed(Model model, String change) {
        events.fire(new CatalogChange(model.name(), state(model, change)));
    }

    public void deleted(String provider, String modelId) {
        events.fire(new CatalogChange(provider + "/" + modelId, null));
    }

    private static ModelChanged state(Model model, String change) {
        ModelPrice price = ModelPrice.inForce(model.id, Instant.now()).orElse(null);
        return new ModelChanged(model.name(), model.provider, model.modelId, change, Instant.now(), model.displayName,
                List.copyOf(model.capabilities), model.capabilitiesKnown, model.contextWindow, model.maxOutputTokens,
                model.latencyTier,
                model.qualityTier, model.openWeights, ModelService.isLocal(Provider.findById(model.provider)),
                model.available, model.deprecated, model.sunsetDate,
                price == null ? null
                        : new ModelChanged.Price(price.inputPerMillion, price.outputPerMillion, price.cachedInputPerMillion,
                                price.reasoningPerMillion, price.cacheWritePerMillion, price.cacheWrite1hPerMillion,
                                price.effectiveFrom));
    }
}

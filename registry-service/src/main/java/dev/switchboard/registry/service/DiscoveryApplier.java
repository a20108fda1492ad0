package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.DeletedModel;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelFacts;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Origin;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.RefreshResult.ProviderRefresh;
import dev.switchboard.registry.SyncedModel;
import dev.switchboard.registry.client.AdapterListing;
import dev.switchboard.registry.client.ListedModel;
import dev.switchboard.registry.service.sync.SyncPlanner;

/**
 * Applies one provider's model list: new models are added (available, unpriced, with what the list states and nothing
 * guessed), models no longer listed are marked unavailable and never deleted, and listed unavailable ones become
 * available again. A discovered model takes what the list states each time, and what the list does not state from
 * the last catalog sync, price included; a model a person described (the seed catalog, an operator) keeps its
 * description.
 */
@ApplicationScoped
public class DiscoveryApplier {

    private final CatalogEvents events;

    public DiscoveryApplier(CatalogEvents events) {
        this.events = events;
    }

    @Transactional
    public ProviderRefresh apply(String providerName, String adapter, AdapterListing listing) {
        Provider provider = Provider.findById(providerName);
        Instant now = Instant.now();
        switch (listing.outcome()) {
            case NOT_SERVED:
                return new ProviderRefresh(providerName, "not_served", adapter, 0, List.of(), List.of(), List.of(),
                        List.of(), listing.message());
            case UNREACHABLE:
                provider.status = "down";
                return new ProviderRefresh(providerName, "unreachable", adapter, 0, List.of(), List.of(), List.of(),
                        List.of(), listing.message());
            default:
                break;
        }
        provider.status = "up";
        provider.lastSeen = now;
        Map<String, ListedModel> listed = new LinkedHashMap<>();
        listing.models().forEach(model -> listed.putIfAbsent(model.id(), model));
        List<String> added = new ArrayList<>(), retired = new ArrayList<>(), restored = new ArrayList<>(),
                described = new ArrayList<>();
        for (Model model : Model.listByProvider(providerName)) {
            ListedModel entry = listed.remove(model.modelId);
            if (entry != null) {
                model.lastSeen = now;
            }
            String change = null;
            if (entry != null && Origin.DISCOVERY.equals(model.origin) && describe(model, facts(entry), synced(model))) {
                described.add(model.name());
                change = ModelChanged.UPDATED;
            }
            if (entry != null && !model.available) {
                model.available = true;
                restored.add(model.name());
                change = ModelChanged.RESTORED;
            } else if (entry == null && model.available) {
                model.available = false;
                retired.add(model.name());
                change = ModelChanged.RETIRED;
            }
            if (change != null) {
                events.changed(model, change);
            }
        }
        for (ListedModel entry : listed.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            if (DeletedModel.isDeleted(providerName, entry.id())) {
                continue;
            }
            Model model = discovered(providerName, entry.id(), now);
            SyncedModel synced = SyncedModel.findByName(providerName, entry.id()).orElse(null);
            describe(model, facts(entry), synced);
            model.persist();
            if (synced != null && synced.priced()) {
                SyncPlanner.row(model.id, synced.price(), synced.sourceKey, synced.sourceUrl, synced.fetchedAt,
                        ModelPrice.ACTIVE).persist();
            }
            added.add(model.name());
            events.changed(model, ModelChanged.CREATED);
        }
        return new ProviderRefresh(providerName, "refreshed", adapter, listing.models().size(), added, retired,
                restored, described, null);
    }

    /**
     * What the provider's list states; capabilities beyond what it states stay unknown. A model the list states only
     * embeds, or one it says nothing of whose id names an embedding model, is known to only embed, so {@code auto} never
     * offers it for chat.
     */
    static ModelFacts facts(ListedModel entry) {
        Integer window = entry.contextWindow();
        Integer output = entry.maxOutputTokens();
        if (entry.embeddingsOnly()
                || entry.kind() == null && entry.supportedParameters() == null
                        && Capabilities.namesEmbeddingModel(entry.id())) {
            return new ModelFacts(entry.displayName(), entry.description(), window, null, Capabilities.EMBEDDING_MODEL,
                    true, entry.openWeights());
        }
        return new ModelFacts(entry.displayName(), entry.description(), window,
                window != null && output != null && output > window ? null : output,
                Capabilities.of(entry.inputModalities(), entry.supportedParameters()),
                entry.supportedParameters() != null, entry.openWeights());
    }

    /**
     * Writes the facts the list states over the model's; what none states, the last catalog sync fills in. Says
     * whether anything changed.
     */
    static boolean describe(Model model, ModelFacts facts, SyncedModel synced) {
        ModelFacts merged = facts.orElse(current(model));
        if (synced != null) {
            ModelFacts filled = merged.orElse(synced.facts());
            if (!filled.equals(merged)) {
                model.factsSource = synced.sourceUrl;
                model.factsFetchedAt = synced.fetchedAt;
            }
            merged = filled;
        }
        boolean changed = !Objects.equals(model.displayName, merged.displayName())
                || !Objects.equals(model.description, merged.description())
                || !Objects.equals(model.contextWindow, merged.contextWindow())
                || !Objects.equals(model.maxOutputTokens, merged.maxOutputTokens())
                || !Objects.equals(model.capabilities, merged.capabilities())
                || model.capabilitiesKnown != merged.capabilitiesKnown()
                || model.openWeights != Boolean.TRUE.equals(merged.openWeights());
        model.displayName = merged.displayName() == null ? model.modelId : merged.displayName();
        model.description = merged.description();
        model.contextWindow = merged.contextWindow();
        model.maxOutputTokens = model.contextWindow != null && merged.maxOutputTokens() != null
                && merged.maxOutputTokens() > model.contextWindow ? null : merged.maxOutputTokens();
        model.capabilities = merged.capabilities();
        model.capabilitiesKnown = merged.capabilitiesKnown();
        model.openWeights = Boolean.TRUE.equals(merged.openWeights());
        if (changed) {
            model.updatedAt = Instant.now();
        }
        return changed;
    }

    private static SyncedModel synced(Model model) {
        return SyncedModel.findByName(model.provider, model.modelId).orElse(null);
    }

    /** The model's facts; a display name that is only the model id is no name of its own. */
    private static ModelFacts current(Model model) {
        return new ModelFacts(model.modelId.equals(model.displayName) ? null : model.displayName, model.description,
                model.contextWindow, model.maxOutputTokens,
                List.copyOf(model.capabilities), model.capabilitiesKnown, model.openWeights);
    }

    private static Model discovered(String provider, String modelId, Instant now) {
        Model model = new Model();
        model.provider = provider;
        model.modelId = modelId;
        model.displayName = modelId;
        model.description = "Found by discovery at " + provider + "; what its model list does not state is unknown, and"
                + " the price is unknown until a synced catalog or an operator sets one.";
        model.capabilities = List.of("text", "streaming");
        model.capabilitiesKnown = false;
        model.origin = Origin.DISCOVERY;
        model.available = true;
        model.lastSeen = now;
        return model;
    }
}

package dev.switchboard.registry.service.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelFacts;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.PriceDrift;
import dev.switchboard.registry.SyncedModel;
import dev.switchboard.registry.service.CatalogEvents;

/** Writes a sync plan, within the caller's transaction: synced facts, filled-in models, price rows and drifts. */
@ApplicationScoped
public class SyncApplier {

    private final CatalogEvents events;

    public SyncApplier(CatalogEvents events) {
        this.events = events;
    }

    /** Serialises syncs across registry replicas, so two never add the same price twice. */
    static void lock() {
        // The lock function returns void, which has no Java type; counting the row it yields has one.
        Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('switchboard.catalog-sync')))"
                        + " AS locked")
                .getSingleResult();
    }

    void apply(SyncPlan plan, SourceDocument document, String source, Instant fetchedAt) {
        store(document, source, fetchedAt);
        Map<Long, Model> changed = new LinkedHashMap<>();
        for (SyncPlan.FactsFill fill : plan.facts) {
            Model model = Model.findById(fill.model());
            describe(model, fill.facts(), source, fetchedAt);
            changed.put(model.id, model);
        }
        for (SyncPlan.PriceAdd add : plan.prices) {
            ModelPrice row = SyncPlanner.row(add.model(), add.entry(), source, fetchedAt, add.status());
            row.persist();
            if (add.inForcePrice() != null) {
                drift(add.model(), add.inForcePrice(), row.id,
                        ModelPrice.ACTIVE.equals(add.status()) ? PriceDrift.APPLIED : PriceDrift.PENDING, fetchedAt);
            }
            if (ModelPrice.ACTIVE.equals(add.status())) {
                changed.putIfAbsent(add.model(), Model.findById(add.model()));
            }
        }
        for (SyncPlan.DriftSeen seen : plan.driftsSeen) {
            drift(seen.model(), seen.inForcePrice(), seen.syncedPrice(), seen.resolution(), fetchedAt);
        }
        Map<Long, Boolean> factsChanged = plan.facts.stream()
                .collect(Collectors.toMap(SyncPlan.FactsFill::model, fill -> true, (a, b) -> a));
        changed.values().forEach(model -> events.changed(model,
                factsChanged.containsKey(model.id) ? ModelChanged.UPDATED : ModelChanged.PRICE));
    }

    /** What the source says of every model for Switchboard's providers, for discovery to find later. */
    private static void store(SourceDocument document, String source, Instant fetchedAt) {
        Map<String, SyncedModel> known = SyncedModel.<SyncedModel> listAll().stream()
                .collect(Collectors.toMap(m -> m.provider + "/" + m.modelId, Function.identity()));
        for (SyncedEntry entry : document.entries()) {
            SyncedModel row = known.get(entry.name());
            boolean fresh = row == null;
            if (fresh) {
                row = new SyncedModel();
                row.provider = entry.provider();
                row.modelId = entry.modelId();
            }
            ModelFacts facts = entry.facts();
            row.displayName = facts.displayName();
            row.contextWindow = facts.contextWindow();
            row.maxOutputTokens = facts.maxOutputTokens();
            row.capabilities = facts.capabilities();
            row.capabilitiesKnown = facts.capabilitiesKnown();
            SyncedPrice price = entry.price();
            row.inputPerMillion = price == null ? null : price.inputCostPerMillion();
            row.outputPerMillion = price == null ? null : price.outputCostPerMillion();
            row.cachedInputPerMillion = price == null ? null : price.cachedInputCostPerMillion();
            row.cacheWritePerMillion = price == null ? null : price.cacheWriteCostPerMillion();
            row.cacheWrite1hPerMillion = price == null ? null : price.cacheWrite1hCostPerMillion();
            row.reasoningPerMillion = price == null ? null : price.reasoningCostPerMillion();
            row.sourceUrl = source;
            row.sourceFormat = document.format();
            row.sourceKey = EntryValues.abbreviate(entry.key());
            row.fetchedAt = fetchedAt;
            if (fresh) {
                row.persist();
            }
        }
    }

    private static void describe(Model model, ModelFacts facts, String source, Instant fetchedAt) {
        if (facts.displayName() != null) {
            model.displayName = facts.displayName();
        }
        model.contextWindow = facts.contextWindow();
        model.maxOutputTokens = facts.maxOutputTokens();
        model.capabilities = facts.capabilities();
        model.capabilitiesKnown = facts.capabilitiesKnown();
        model.factsSource = source;
        model.factsFetchedAt = fetchedAt;
        model.updatedAt = Instant.now();
    }

    private static void drift(long model, long inForcePrice, long syncedPrice, String resolution, Instant seenAt) {
        PriceDrift drift = PriceDrift.find(inForcePrice, syncedPrice).orElse(null);
        if (drift == null) {
            drift = new PriceDrift();
            drift.model = model;
            drift.inForcePrice = inForcePrice;
            drift.syncedPrice = syncedPrice;
            drift.resolution = resolution;
            drift.detectedAt = seenAt;
            drift.lastSeenAt = seenAt;
            drift.persist();
        } else {
            drift.lastSeenAt = seenAt;
        }
    }
}

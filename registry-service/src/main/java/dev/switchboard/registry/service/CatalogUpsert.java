package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.DeletedModel;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Origin;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;
import dev.switchboard.registry.service.CatalogFile.CatalogProvider;

/**
 * Applies a catalog to the database. Providers and models are added or brought up to date, except models an operator
 * described or deleted. A catalog price is added when new; when the model has a manual price, the catalog's price is
 * kept as pending, and only if the catalog was reviewed after that manual price was set; an operator then accepts it
 * (or not). An older catalog never touches a manual price.
 */
@ApplicationScoped
public class CatalogUpsert {

    private final CatalogEvents events;

    public CatalogUpsert(CatalogEvents events) {
        this.events = events;
    }

    /** What one application of a catalog changed. */
    public record Summary(int modelsAdded, int modelsUpdated, int pricesAdded, int pricesPending, int skippedDeleted) {
    }

    @Transactional
    public Summary apply(CatalogFile catalog) {
        Instant reviewed = LocalDate.parse(catalog.version()).atStartOfDay(ZoneOffset.UTC).toInstant();
        catalog.providers().forEach(CatalogUpsert::upsertProvider);
        int added = 0, updated = 0, prices = 0, pending = 0, skipped = 0;
        for (CatalogModel entry : catalog.models()) {
            if (DeletedModel.isDeleted(entry.provider(), entry.modelId())) {
                skipped++;
                continue;
            }
            Model model = Model.findByName(entry.provider(), entry.modelId()).orElse(null);
            String change = null;
            if (model == null) {
                model = new Model();
                model.provider = entry.provider();
                model.modelId = entry.modelId();
                describe(model, entry);
                model.persist();
                added++;
                change = ModelChanged.CREATED;
            } else if (!Origin.MANUAL.equals(model.origin) && differs(model, entry)) {
                describe(model, entry);
                updated++;
                change = ModelChanged.UPDATED;
            }
            switch (reconcile(model, entry.price(), catalog.version(), reviewed)) {
                case ADDED -> {
                    prices++;
                    change = change == null ? ModelChanged.PRICE : change;
                }
                case PENDING -> pending++;
                case UNCHANGED -> {
                }
            }
            if (change != null) {
                events.changed(model, change);
            }
        }
        return new Summary(added, updated, prices, pending, skipped);
    }

    private enum PriceOutcome {
        ADDED,
        PENDING,
        UNCHANGED
    }

    private static PriceOutcome reconcile(Model model, CatalogPrice entry, String version, Instant reviewed) {
        Instant effectiveFrom = entry.effectiveFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean known = ModelPrice.<ModelPrice> list("model = ?1 and source = 'catalog' and effectiveFrom = ?2",
                model.id, effectiveFrom).stream().anyMatch(row -> sameAmounts(row, entry));
        if (known) {
            return PriceOutcome.UNCHANGED;
        }
        ModelPrice manual = ModelPrice.latestManual(model.id).orElse(null);
        if (manual != null && !reviewed.isAfter(manual.setAt)) {
            return PriceOutcome.UNCHANGED;
        }
        ModelPrice price = new ModelPrice();
        price.model = model.id;
        price.effectiveFrom = effectiveFrom;
        price.inputPerMillion = entry.inputCostPerMillion();
        price.outputPerMillion = entry.outputCostPerMillion();
        price.cachedInputPerMillion = entry.cachedInputCostPerMillion();
        price.reasoningPerMillion = entry.reasoningCostPerMillion();
        price.cacheWritePerMillion = entry.cacheWriteCostPerMillion();
        price.cacheWrite1hPerMillion = entry.cacheWrite1hCostPerMillion();
        price.source = Origin.CATALOG;
        price.sourceReference = entry.source();
        price.note = entry.note();
        price.catalogVersion = version;
        price.status = manual == null ? ModelPrice.ACTIVE : ModelPrice.PENDING;
        price.setAt = Instant.now();
        price.persist();
        if (manual != null) {
            Log.infof("Catalog %s proposes a new price for %s over its manual price; accept it with "
                    + "POST /models/%s/prices/accept", version, model.name(), model.name());
            return PriceOutcome.PENDING;
        }
        return PriceOutcome.ADDED;
    }

    private static boolean sameAmounts(ModelPrice row, CatalogPrice entry) {
        return same(row.inputPerMillion, entry.inputCostPerMillion())
                && same(row.outputPerMillion, entry.outputCostPerMillion())
                && same(row.cachedInputPerMillion, entry.cachedInputCostPerMillion())
                && same(row.reasoningPerMillion, entry.reasoningCostPerMillion())
                && same(row.cacheWritePerMillion, entry.cacheWriteCostPerMillion())
                && same(row.cacheWrite1hPerMillion, entry.cacheWrite1hCostPerMillion());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static void upsertProvider(CatalogProvider entry) {
        Provider provider = Provider.findById(entry.name());
        boolean added = provider == null;
        if (added) {
            provider = new Provider();
            provider.name = entry.name();
        }
        provider.kind = entry.kind();
        provider.protocol = entry.protocol();
        provider.baseUrl = entry.baseUrl();
        if (added) {
            provider.persist();
        }
    }

    private static boolean differs(Model model, CatalogModel entry) {
        return !Objects.equals(model.displayName, entry.displayName())
                || !Objects.equals(model.description, entry.description())
                || !Objects.equals(List.copyOf(model.capabilities), entry.capabilities())
                || !Objects.equals(model.contextWindow, entry.contextWindow())
                || !Objects.equals(model.maxOutputTokens, entry.maxOutputTokens()) || !model.capabilitiesKnown
                || !Objects.equals(model.latencyTier, entry.latencyTier())
                || !Objects.equals(model.qualityTier, entry.qualityTier()) || model.openWeights != entry.openWeights()
                || model.deprecated != entry.deprecated() || !Objects.equals(model.sunsetDate, entry.sunsetDate())
                || !Origin.CATALOG.equals(model.origin);
    }

    private static void describe(Model model, CatalogModel entry) {
        model.displayName = entry.displayName();
        model.description = entry.description();
        model.capabilities = List.copyOf(entry.capabilities());
        model.capabilitiesKnown = true;
        model.contextWindow = entry.contextWindow();
        model.maxOutputTokens = entry.maxOutputTokens();
        model.latencyTier = entry.latencyTier();
        model.qualityTier = entry.qualityTier();
        model.openWeights = entry.openWeights();
        model.deprecated = entry.deprecated();
        model.sunsetDate = entry.sunsetDate();
        model.origin = Origin.CATALOG;
        model.updatedAt = Instant.now();
    }
}

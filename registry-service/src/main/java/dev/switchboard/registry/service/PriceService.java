package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Origin;
import dev.switchboard.registry.PriceChange;
import dev.switchboard.registry.PriceDrift;
import dev.switchboard.registry.PriceDriftView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.PriceWrite;

/** Effective-dated prices: the one in force at a time, the history, manual prices and accepting catalog proposals. */
@ApplicationScoped
public class PriceService {

    private final CatalogEvents events;

    public PriceService(CatalogEvents events) {
        this.events = events;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PriceView> history(String provider, String modelId) {
        return ModelPrice.history(model(provider, modelId).id).stream().map(PriceView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PriceView inForce(String provider, String modelId, Instant at) {
        return ModelPrice.inForce(model(provider, modelId).id, at).map(PriceView::of)
                .orElseThrow(() -> new ApiException(404, "model " + provider + "/" + modelId + " has no price in force at "
                        + at, "at", "price_not_found"));
    }

    @Transactional
    public PriceView addManual(String provider, String modelId, PriceWrite write) {
        ModelChecks.price(write);
        Model model = model(provider, modelId);
        PriceView price = PriceView.of(addManual(model, write));
        events.changed(model, ModelChanged.PRICE);
        return price;
    }

    ModelPrice addManual(Model model, PriceWrite write) {
        ModelPrice price = new ModelPrice();
        price.model = model.id;
        price.effectiveFrom = write.effectiveFrom() == null ? Instant.now() : write.effectiveFrom();
        price.inputPerMillion = write.inputCostPerMillion();
        price.outputPerMillion = write.outputCostPerMillion();
        price.cachedInputPerMillion = write.cachedInputCostPerMillion();
        price.reasoningPerMillion = write.reasoningCostPerMillion();
        price.cacheWritePerMillion = write.cacheWriteCostPerMillion();
        price.cacheWrite1hPerMillion = write.cacheWrite1hCostPerMillion();
        price.source = Origin.MANUAL;
        price.sourceReference = write.sourceReference();
        price.note = write.note();
        price.setAt = Instant.now();
        price.persist();
        return price;
    }

    /**
     * Puts the catalog's waiting price in force over a manual one. When its effective date is older than the price in
     * force it takes effect now instead: accepting a proposal changes what is charged from here on, not the past.
     */
    @Transactional
    public PriceView acceptPending(String provider, String modelId) {
        Model model = model(provider, modelId);
        ModelPrice pending = ModelPrice.latestPending(model.id).orElseThrow(() -> new ApiException(404,
                "model " + provider + "/" + modelId + " has no catalog price waiting to be accepted", null,
                "no_pending_price"));
        Instant now = Instant.now();
        ModelPrice.inForce(model.id, now).filter(current -> current.effectiveFrom.isAfter(pending.effectiveFrom))
                .ifPresent(current -> pending.effectiveFrom = now);
        pending.status = ModelPrice.ACTIVE;
        pending.setAt = now;
        pending.persistAndFlush();
        ModelPrice.delete("model = ?1 and status = 'pending'", model.id);
        events.changed(model, ModelChanged.PRICE);
        return PriceView.of(pending);
    }

    /** Every price row set at or after the given time, oldest first, so telemetry can recompute corrected periods. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PriceChange> setSince(Instant since) {
        List<ModelPrice> rows = ModelPrice.setSince(since);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Model> byId = Model.<Model> list("id in ?1", rows.stream().map(r -> r.model).distinct().toList())
                .stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        return rows.stream().filter(row -> byId.containsKey(row.model)).map(row -> {
            Model model = byId.get(row.model);
            return new PriceChange(model.name(), model.provider, model.modelId, PriceView.of(row));
        }).toList();
    }

    /**
     * The drifts later syncs have still found at or after the given time, newest first: a synced price that differs
     * from the price in force, with both prices. A pending one an operator has accepted since reads {@code accepted}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PriceDriftView> driftSince(Instant since) {
        List<PriceDriftView> views = new ArrayList<>();
        for (PriceDrift drift : PriceDrift.seenSince(since)) {
            Model model = Model.findById(drift.model);
            ModelPrice inForce = ModelPrice.findById(drift.inForcePrice);
            ModelPrice synced = ModelPrice.findById(drift.syncedPrice);
            if (model == null || inForce == null || synced == null) {
                continue;
            }
            String resolution = PriceDrift.PENDING.equals(drift.resolution) && ModelPrice.ACTIVE.equals(synced.status)
                    ? "accepted"
                    : drift.resolution;
            views.add(new PriceDriftView(model.name(), model.provider, model.modelId, resolution, drift.detectedAt,
                    drift.lastSeenAt, PriceView.of(inForce), PriceView.of(synced)));
        }
        return views;
    }

    private static Model model(String provider, String modelId) {
        return Model.findByName(provider, modelId).orElseThrow(() -> ModelService.notFound(provider, modelId));
    }
}

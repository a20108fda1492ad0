package dev.switchboard.registry.service.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelFacts;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Origin;
import dev.switchboard.registry.PriceDrift;
import dev.switchboard.registry.PriceDriftView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.service.sync.SyncReport.Change;

/**
 * Works out what a synced catalog changes, reading the database and writing nothing.
 * <ul>
 * <li>Facts: a discovered model gets the facts its provider's list left unknown (window, output limit, capabilities,
 * display name). A model the seed catalog or an operator described keeps its description.</li>
 * <li>Prices, as a newer catalog would: an unpriced model gets the synced price; a synced price that differs from the
 * catalog's or an earlier sync's goes in force from when it was read; a model with a manual price keeps it, and the
 * synced one waits beside it as pending until an operator accepts it. Every synced price that differs from the price
 * in force is a drift, with both prices and both sources.</li>
 * </ul>
 */
@ApplicationScoped
public class SyncPlanner {

    SyncPlan plan(SourceDocument document, String source, Instant fetchedAt) {
        SyncPlan plan = new SyncPlan();
        Map<String, Model> models = Model.<Model> listAll().stream()
                .collect(Collectors.toMap(Model::name, Function.identity()));
        for (SyncedEntry entry : document.entries()) {
            Model model = models.get(entry.name());
            if (model == null) {
                continue;
            }
            if (Origin.DISCOVERY.equals(model.origin)) {
                facts(model, entry, plan);
            }
            if (entry.price() != null) {
                price(model, entry, source, fetchedAt, plan);
            }
        }
        return plan;
    }

    private static void facts(Model model, SyncedEntry entry, SyncPlan plan) {
        ModelFacts current = new ModelFacts(model.modelId.equals(model.displayName) ? null : model.displayName, null,
                model.contextWindow, model.maxOutputTokens, List.copyOf(model.capabilities), model.capabilitiesKnown, null);
        ModelFacts filled = current.orElse(entry.facts());
        List<String> changed = new ArrayList<>();
        note(changed, "displayName", current.displayName(), filled.displayName());
        note(changed, "contextWindow", model.contextWindow, filled.contextWindow());
        note(changed, "maxOutputTokens", model.maxOutputTokens, filled.maxOutputTokens());
        if (!filled.capabilities().equals(model.capabilities) || filled.capabilitiesKnown() != model.capabilitiesKnown) {
            changed.add("capabilities " + model.capabilities + (model.capabilitiesKnown ? "" : " (partial)") + " -> "
                    + filled.capabilities() + (filled.capabilitiesKnown() ? "" : " (partial)"));
        }
        if (!changed.isEmpty()) {
            plan.facts.add(new SyncPlan.FactsFill(model.id, filled));
            plan.changes.add(new Change(model.name(), "facts", String.join("; ", changed)));
        }
    }

    private static void note(List<String> changed, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changed.add(field + " " + (from == null ? "unknown" : from) + " -> " + to);
        }
    }

    private static void price(Model model, SyncedEntry entry, String source, Instant fetchedAt, SyncPlan plan) {
        ModelPrice inForce = ModelPrice.inForce(model.id, fetchedAt).orElse(null);
        if (inForce != null && same(inForce, entry.price())) {
            return;
        }
        PriceView synced;
        String resolution;
        if (ModelPrice.latestManual(model.id).isPresent()) {
            resolution = PriceDrift.PENDING;
            ModelPrice waiting = ModelPrice.<ModelPrice> list("model = ?1 and status = 'pending' and source = 'sync'",
                    model.id).stream().filter(row -> same(row, entry.price())).findFirst().orElse(null);
            if (waiting != null) {
                if (inForce != null) {
                    plan.driftsSeen.add(new SyncPlan.DriftSeen(model.id, inForce.id, waiting.id, resolution));
                }
                synced = PriceView.of(waiting);
            } else {
                plan.prices
                        .add(new SyncPlan.PriceAdd(model.id, entry, ModelPrice.PENDING, inForce == null ? null : inForce.id));
                plan.changes.add(new Change(model.name(), "pending-price", amounts(entry.price())
                        + "; waits beside the manual price for POST /models/" + model.name() + "/prices/accept"));
                synced = view(entry, source, fetchedAt, ModelPrice.PENDING);
            }
        } else {
            resolution = PriceDrift.APPLIED;
            plan.prices.add(new SyncPlan.PriceAdd(model.id, entry, ModelPrice.ACTIVE, inForce == null ? null : inForce.id));
            plan.changes.add(new Change(model.name(), "price", amounts(entry.price()) + (inForce == null
                    ? "; the model had no price"
                    : "; in force over the " + inForce.source + " price " + amounts(inForce))));
            synced = view(entry, source, fetchedAt, ModelPrice.ACTIVE);
        }
        if (inForce != null) {
            plan.drift.add(new PriceDriftView(model.name(), model.provider, model.modelId, resolution, fetchedAt,
                    fetchedAt, PriceView.of(inForce), synced));
        }
    }

    /** The same amounts for every kind the registry prices. */
    static boolean same(ModelPrice row, SyncedPrice price) {
        return same(row.inputPerMillion, price.inputCostPerMillion())
                && same(row.outputPerMillion, price.outputCostPerMillion())
                && same(row.cachedInputPerMillion, price.cachedInputCostPerMillion())
                && same(row.reasoningPerMillion, price.reasoningCostPerMillion())
                && same(row.cacheWritePerMillion, price.cacheWriteCostPerMillion())
                && same(row.cacheWrite1hPerMillion, price.cacheWrite1hCostPerMillion());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** The synced price as it will be stored. */
    static ModelPrice row(long model, SyncedEntry entry, String source, Instant fetchedAt, String status) {
        return row(model, entry.price(), entry.key(), source, fetchedAt, status);
    }

    /** A synced price row: effective from when it was read, its source's URL as reference. */
    public static ModelPrice row(long model, SyncedPrice price, String key, String source, Instant fetchedAt,
            String status) {
        ModelPrice row = new ModelPrice();
        row.model = model;
        row.effectiveFrom = fetchedAt;
        row.inputPerMillion = price.inputCostPerMillion();
        row.outputPerMillion = price.outputCostPerMillion();
        row.cachedInputPerMillion = price.cachedInputCostPerMillion();
        row.reasoningPerMillion = price.reasoningCostPerMillion();
        row.cacheWritePerMillion = price.cacheWriteCostPerMillion();
        row.cacheWrite1hPerMillion = price.cacheWrite1hCostPerMillion();
        row.source = Origin.SYNC;
        row.sourceReference = source;
        row.fetchedAt = fetchedAt;
        row.note = "synced from the entry '" + EntryValues.abbreviate(key) + "'";
        row.status = status;
        row.setAt = Instant.now();
        return row;
    }

    private static PriceView view(SyncedEntry entry, String source, Instant fetchedAt, String status) {
        return PriceView.of(row(0, entry, source, fetchedAt, status));
    }

    private static String amounts(SyncedPrice price) {
        return "input " + plain(price.inputCostPerMillion()) + ", output " + plain(price.outputCostPerMillion())
                + (price.cachedInputCostPerMillion() == null ? ""
                        : ", cached input " + plain(price.cachedInputCostPerMillion()))
                + (price.cacheWriteCostPerMillion() == null ? "" : ", cache write " + plain(price.cacheWriteCostPerMillion()))
                + (price.cacheWrite1hCostPerMillion() == null ? ""
                        : ", 1-hour cache write " + plain(price.cacheWrite1hCostPerMillion()))
                + (price.reasoningCostPerMillion() == null ? "" : ", reasoning " + plain(price.reasoningCostPerMillion()))
                + " USD per million";
    }

    private static String amounts(ModelPrice price) {
        return "input " + plain(price.inputPerMillion) + ", output " + plain(price.outputPerMillion);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

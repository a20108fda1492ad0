package dev.switchboard.registry.service.sync;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.registry.ModelFacts;
import dev.switchboard.registry.PriceDriftView;
import dev.switchboard.registry.service.sync.SyncReport.Change;

/**
 * What a sync will write, worked out before anything is written, so that a dry run reports exactly what a real run
 * would do and writes nothing.
 */
final class SyncPlan {

    /** A discovered model's unknown facts, filled in. */
    record FactsFill(long model, ModelFacts facts) {
    }

    /** A synced price row to add, {@code active} or {@code pending}; with a price in force, a drift too. */
    record PriceAdd(long model, SyncedEntry entry, String status, Long inForcePrice) {
    }

    /** A drift between a price in force and a synced row already stored, found again. */
    record DriftSeen(long model, long inForcePrice, long syncedPrice, String resolution) {
    }

    final List<FactsFill> facts = new ArrayList<>();
    final List<PriceAdd> prices = new ArrayList<>();
    final List<DriftSeen> driftsSeen = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    final List<PriceDriftView> drift = new ArrayList<>();
}

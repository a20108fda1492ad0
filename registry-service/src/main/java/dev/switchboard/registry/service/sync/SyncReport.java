package dev.switchboard.registry.service.sync;

import java.time.Instant;
import java.util.List;

import dev.switchboard.registry.PriceDriftView;
import dev.switchboard.registry.service.sync.SourceDocument.Skipped;

/**
 * What a catalog sync read and changed, or, on a dry run, would change. {@code read} counts the source's entries,
 * {@code forSwitchboard} those of providers and modes Switchboard serves (kept for discovery), {@code ignored} the
 * others, {@code skipped} the bad ones (the first hundred named, with why; {@code skippedTotal} counts them all).
 * {@code changes} lists each change to a model the registry holds; {@code drift} each synced price that differs from
 * the price in force.
 */
public record SyncReport(
        String source,
        String format,
        Instant fetchedAt,
        boolean dryRun,
        int read,
        int forSwitchboard,
        int ignored,
        int skippedTotal,
        List<Skipped> skipped,
        List<Change> changes,
        List<PriceDriftView> drift,
        String message) {

    /** One change to one model: {@code facts}, {@code price} (put in force) or {@code pending-price}. */
    public record Change(String model, String kind, String detail) {
    }
}

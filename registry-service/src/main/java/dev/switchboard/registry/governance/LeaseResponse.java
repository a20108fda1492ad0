package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What each scope's lease now holds; a part is null when the scope has no such limit. The leases are usable for
 * {@code ttlMs} from when the holder sent its request.
 */
public record LeaseResponse(long ttlMs, List<Scope> scopes) {

    /** @param usable false when the key is revoked, expired or unknown (nothing is granted then) */
    public record Scope(String scope, boolean usable, Budget budget, Rate requests, Rate tokens, Parallel parallel) {
    }

    /**
     * @param granted what the holder may account to its lease in this period, {@code held} included
     * @param spentUsd the scope's spend in the period as priced from usage so far
     * @param availableUsd what is left for anyone once this lease is counted
     */
    public record Budget(BigDecimal limit, Instant periodStart, Instant resetsAt, BigDecimal granted, BigDecimal spentUsd,
            BigDecimal availableUsd) {
    }

    /**
     * @param grant the new grant's id, or null when nothing was granted
     * @param remaining permits left for anyone in the current window after this grant
     * @param resetMs when none are left, in how many milliseconds the next one frees
     */
    public record Rate(long limit, Long grant, long granted, long remaining, long resetMs) {
    }

    public record Parallel(int limit, int granted) {
    }
}

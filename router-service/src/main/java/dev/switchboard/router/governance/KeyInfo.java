package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.switchboard.contracts.KeyState;

/**
 * What {@code GET /v1/key} tells a caller about its own key: its limits, its spend and what remains of its budget in the
 * current period, and its rate limits' remaining permits, as this replica knows them (at most a lease renewal old);
 * the same for its team. A static key ({@code managed: false}) has no limits.
 */
public record KeyInfo(
        String id,
        String name,
        boolean managed,
        List<String> models,
        Instant expiresAt,
        Scope key,
        TeamInfo team) {

    /** A team's share of the answer. */
    public record TeamInfo(String id, String name, List<String> models, Scope limits) {
    }

    /** One scope's limits and where it stands; a null figure is no limit, or one this replica has not heard of. */
    public record Scope(KeyState.Limits limits, BigDecimal spendUsd, BigDecimal remainingUsd, Instant resetsAt,
            Rate requests, Rate tokens) {
    }

    /** A per-minute limit: its size, the permits left for anyone now, and in how many ms the next one frees. */
    public record Rate(long limit, long remaining, long resetMs) {
    }
}

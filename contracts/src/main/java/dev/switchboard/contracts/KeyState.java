package dev.switchboard.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A managed API key's whole state on the compacted topic {@code switchboard.keys}, keyed by key id: what a router
 * replica needs to authenticate a call and enforce the key's and its team's limits without asking anyone. The secret is
 * never here, only its SHA-256. {@code change} says what happened: {@code created}, {@code updated}, {@code rotated},
 * {@code revoked} or {@code snapshot} (re-published at registry start). A revoked key stays on the topic, revoked.
 *
 * @param secretSha256 the SHA-256 of the whole key ({@code sb-...}), in lower-case hex
 * @param models what the key may call ({@code provider/model}, {@code provider/*}, an alias, {@code auto}); empty for
 *        every model
 * @param expiresAt when the key stops working; null when it does not expire
 * @param team the key's team with its own limits, or null when the key has none
 */
public record KeyState(
        String id,
        String name,
        String secretSha256,
        String change,
        Instant changedAt,
        boolean revoked,
        Instant expiresAt,
        List<String> models,
        Limits limits,
        Team team) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String ROTATED = "rotated";
    public static final String REVOKED = "revoked";
    public static final String SNAPSHOT = "snapshot";

    /**
     * The limits of a key or a team; a null field is no limit. {@code maxParallel} is the key's alone (a team has none).
     *
     * @param budgetPeriod how often {@code maxBudgetUsd} starts again
     */
    public record Limits(BigDecimal maxBudgetUsd, BudgetPeriod budgetPeriod, Integer rpm, Long tpm, Integer maxParallel) {

        public static final Limits NONE = new Limits(null, BudgetPeriod.TOTAL, null, null, null);

        public Limits {
            budgetPeriod = budgetPeriod == null ? BudgetPeriod.TOTAL : budgetPeriod;
        }

        /** Whether anything is limited, so that calls need a lease. */
        public boolean any() {
            return maxBudgetUsd != null || rpm != null || tpm != null || maxParallel != null;
        }
    }

    /** A team as its keys carry it: its id and name, the models it allows (empty for all) and its limits. */
    public record Team(String id, String name, List<String> models, Limits limits) {
    }

    /** Whether the key works at {@code now}: not revoked and not expired. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}

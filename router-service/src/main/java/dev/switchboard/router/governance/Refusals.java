package dev.switchboard.router.governance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.router.Candidate;

/** The errors governance answers with, in OpenAI's codes: each names the limit, its scope and when it frees. */
final class Refusals {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Refusals() {
    }

    static Refusal invalidKey() {
        return new Refusal(401, "Incorrect API key provided: the key was revoked or has expired.", null,
                "invalid_api_key", null);
    }

    static Refusal modelNotAllowed(List<Candidate> candidates, KeyState key) {
        String models = String.join(", ", candidates.stream().map(Candidate::qualified).toList());
        return new Refusal(403, "The key '" + key.name() + "' may not use " + models + " (its models: "
                + describe(key.models()) + (key.team() == null ? ""
                        : "; team '" + key.team().name() + "': "
                                + describe(key.team().models()))
                + ").", "model", "model_not_allowed", null);
    }

    /**
     * A budget covers the call, and none of its models has a price to reserve its cost by: refused rather than let
     * through uncounted.
     */
    static Refusal modelNotPriced(List<Candidate> candidates, KeyState key) {
        String models = String.join(", ", candidates.stream().map(Candidate::qualified).toList());
        String budget = key.limits().maxBudgetUsd() != null ? "key '" + key.name() + "'" : "team '" + key.team().name() + "'";
        return new Refusal(403, "The model catalog has no price for " + models + ", so the cost of this call cannot be "
                + "reserved from the budget of " + budget + ". Give the model a price in the registry (POST "
                + "/models/{provider}/{modelId}/prices; 0 for a free model), or call it with a key that has no budget.",
                "model", "model_price_unknown", null);
    }

    static Refusal of(LeaseShortage shortage, KeyState key) {
        ScopeLease lease = shortage.lease;
        KeyState.Limits limits = lease.limits();
        String scope = scopeName(lease, key);
        return switch (shortage.shortage.kind()) {
            case BUDGET -> budget(lease, key);
            case REQUESTS -> rate("Rate limit reached for " + scope + ": " + limits.rpm() + " requests per minute",
                    shortage.shortage.retryAfterMs());
            case TOKENS -> rate("Rate limit reached for " + scope + ": " + limits.tpm() + " tokens per minute",
                    shortage.shortage.retryAfterMs());
            case PARALLEL -> rate("Rate limit reached for " + scope + ": " + limits.maxParallel() + " calls in flight at once",
                    1_000);
            case UNAVAILABLE -> new Refusal(503, "The limits of " + scope + " cannot be checked: the registry that grants "
                    + "them cannot be reached. Try again shortly.", null, "governance_unavailable", 1_000L);
        };
    }

    /** The budget of the first scope whose reservation could not be moved to a fallback's price. */
    static Refusal budgetFor(List<Reservation> reservations, KeyState key) {
        for (Reservation reservation : reservations) {
            if (reservation.lease().limits().maxBudgetUsd() != null) {
                return budget(reservation.lease(), key);
            }
        }
        return new Refusal(429, "The budget is used up.", null, "insufficient_quota", null);
    }

    private static Refusal budget(ScopeLease lease, KeyState key) {
        KeyState.Limits limits = lease.limits();
        Instant resets = lease.standing(System.nanoTime()).resetsAt();
        String period = limits.budgetPeriod() == BudgetPeriod.TOTAL ? "in total"
                : "per " + switch (limits.budgetPeriod()) {
                    case DAILY -> "day";
                    case WEEKLY -> "week";
                    default -> "month";
                };
        String when = resets == null ? "it does not reset (budgetPeriod total); raise maxBudgetUsd to go on"
                : "it resets at " + WHEN.format(resets);
        return new Refusal(429,
                "You exceeded the budget of " + scopeName(lease, key) + ": " + limits.maxBudgetUsd().toPlainString()
                        + " USD " + period + " (calls in flight count at their worst case until they end); " + when + ".",
                null,
                "insufficient_quota", null);
    }

    private static Refusal rate(String message, long retryAfterMs) {
        long seconds = Math.max(1, (retryAfterMs + 999) / 1000);
        return new Refusal(429, message + ". Try again in " + seconds + " s.", null, "rate_limit_exceeded", retryAfterMs);
    }

    private static String scopeName(ScopeLease lease, KeyState key) {
        if (lease.scope.startsWith("team:") && key.team() != null) {
            return "team '" + key.team().name() + "'";
        }
        return "key '" + key.name() + "'";
    }

    private static String describe(List<String> models) {
        return models.isEmpty() ? "all" : String.join(", ", models);
    }
}

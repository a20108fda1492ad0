package dev.switchboard.telemetry.budgets;

import java.math.BigDecimal;
import java.util.List;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;

/**
 * A key or a team with its budget: {@code scope} names it in alerts ({@code key:<id>}, {@code team:<id>}),
 * {@code keyIds} are the keys whose spend counts against it, and {@code maxBudgetUsd} is null when it has no budget.
 */
public record BudgetScope(String scope, String kind, String id, String name, BigDecimal maxBudgetUsd,
        BudgetPeriod period, List<String> keyIds) {

    static BudgetScope key(String id, String name, KeyState.Limits limits, List<String> keyIds) {
        return of("key", id, name, limits, keyIds);
    }

    static BudgetScope team(String id, String name, KeyState.Limits limits, List<String> keyIds) {
        return of("team", id, name, limits, keyIds);
    }

    private static BudgetScope of(String kind, String id, String name, KeyState.Limits limits, List<String> keyIds) {
        KeyState.Limits known = limits == null ? KeyState.Limits.NONE : limits;
        return new BudgetScope(kind + ":" + id, kind, id, name, known.maxBudgetUsd(), known.budgetPeriod(),
                List.copyOf(keyIds));
    }

    /** Whether there is a budget to measure against. */
    public boolean budgeted() {
        return maxBudgetUsd != null && maxBudgetUsd.signum() > 0;
    }

    /** How people read it: {@code key search-svc (k-1)}. */
    public String label() {
        return name == null || name.equals(id) ? kind + " " + id : kind + " " + name + " (" + id + ")";
    }
}

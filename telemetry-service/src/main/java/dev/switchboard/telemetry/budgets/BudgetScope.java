package dev.switchboard.telemetry.budgets;

import java.math.BigDecimal;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;

/**
 * A key or a team with its budget: {@code scope} names it in alerts and in the registry's spend ({@code key:<id>},
 * {@code team:<id>}), and {@code maxBudgetUsd} is null when it has no budget.
 */
public record BudgetScope(String scope, String kind, String id, String name, BigDecimal maxBudgetUsd,
        BudgetPeriod period) {

    static BudgetScope key(String id, String name, KeyState.Limits limits) {
        return of("key", id, name, limits);
    }

    static BudgetScope team(String id, String name, KeyState.Limits limits) {
        return of("team", id, name, limits);
    }

    private static BudgetScope of(String kind, String id, String name, KeyState.Limits limits) {
        KeyState.Limits known = limits == null ? KeyState.Limits.NONE : limits;
        return new BudgetScope(kind + ":" + id, kind, id, name, known.maxBudgetUsd(), known.budgetPeriod());
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

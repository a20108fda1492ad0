package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budgeted key's or team's budget and what it spent in the period that holds a given time, as the registry settled it
 * from usage events: the figure its budget is enforced on. {@code resetsAt} is null for a {@code total} budget.
 */
public record ScopeSpend(String scope, BigDecimal maxBudgetUsd, String budgetPeriod, BigDecimal spendUsd,
        Instant periodStart, Instant resetsAt) {
}

package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget's state in its current period: what was spent (priced from usage events), what remains of the budget (null
 * when there is none), and when the period began and resets (null for {@code total}).
 */
public record Spend(BigDecimal spendUsd, BigDecimal remainingUsd, Instant periodStart, Instant resetsAt) {
}

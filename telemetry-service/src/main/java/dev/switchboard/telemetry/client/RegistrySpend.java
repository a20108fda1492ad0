package dev.switchboard.telemetry.client;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A budgeted key's or team's spend in its current budget period as the registry settled it from usage events, the figure
 * the routers enforce its budget on; {@code scope} is {@code key:<id>} or {@code team:<id>}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrySpend(String scope, BigDecimal maxBudgetUsd, String budgetPeriod, BigDecimal spendUsd,
        Instant periodStart, Instant resetsAt) {
}

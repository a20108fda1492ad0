package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.registry.PriceView;

/** A team as the admin API shows it: settings, how many live keys it has, and its spend in the current period. */
public record TeamView(
        String id,
        String name,
        BigDecimal maxBudgetUsd,
        String budgetPeriod,
        Integer rpm,
        Long tpm,
        List<String> models,
        Map<String, String> metadata,
        long keys,
        Instant createdAt,
        Instant updatedAt,
        BigDecimal spendUsd,
        BigDecimal remainingUsd,
        Instant periodStart,
        Instant resetsAt) {

    public static TeamView of(Team team, long keys, Spend spend) {
        return new TeamView(team.id, team.name, PriceView.plain(team.maxBudgetUsd), team.budgetPeriod, team.rpm, team.tpm,
                List.copyOf(team.models), Collections.unmodifiableMap(new LinkedHashMap<>(team.metadata)), keys, team.createdAt,
                team.updatedAt,
                PriceView.plain(spend.spendUsd()), PriceView.plain(spend.remainingUsd()), spend.periodStart(),
                spend.resetsAt());
    }
}

package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.governance.ApiKey;
import dev.switchboard.registry.governance.LimitedScope;
import dev.switchboard.registry.governance.ScopeSpend;
import dev.switchboard.registry.governance.Spend;
import dev.switchboard.registry.governance.Team;

/** Reads what a key or team spent in its current budget period, from the per-day spend the usage events add up to. */
@ApplicationScoped
public class SpendLedger {

    public Spend of(String scope, BigDecimal budget, String periodName, Instant now) {
        BudgetPeriod period = BudgetPeriod.of(periodName);
        BigDecimal spent = spentSince(scope, period, now);
        BigDecimal remaining = budget == null ? null : budget.subtract(spent).max(BigDecimal.ZERO);
        return new Spend(spent, remaining, period.start(now), period.reset(now));
    }

    /** USD spent by the scope from the first day of the period that holds {@code now}. */
    public BigDecimal spentSince(String scope, BudgetPeriod period, Instant now) {
        Object sum = Panache.getEntityManager()
                .createNativeQuery("SELECT coalesce(sum(spend_usd), 0) FROM spend_day WHERE scope = ?1 AND day >= ?2")
                .setParameter(1, scope)
                .setParameter(2, Date.valueOf(period.firstDay(now)))
                .getSingleResult();
        return PriceView.plain((BigDecimal) sum);
    }

    /** Every live key and every team that has a budget, with what it spent in the period that holds {@code at}. */
    public List<ScopeSpend> budgeted(Instant at) {
        List<LimitedScope> scopes = new ArrayList<>(ApiKey.<ApiKey> list(
                "maxBudgetUsd is not null and revokedAt is null order by id"));
        scopes.addAll(Team.<Team> list("maxBudgetUsd is not null order by id"));
        return scopes.stream().map(scope -> {
            Spend spend = of(scope.scope(), scope.maxBudgetUsd, scope.budgetPeriod, at);
            return new ScopeSpend(scope.scope(), PriceView.plain(scope.maxBudgetUsd), scope.budgetPeriod,
                    spend.spendUsd(), spend.periodStart(), spend.resetsAt());
        }).toList();
    }
}

package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.governance.Spend;

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
}

package dev.switchboard.telemetry.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.budgets.BudgetScope;
import dev.switchboard.telemetry.budgets.KeyBook;
import dev.switchboard.telemetry.client.RegistryClient;
import dev.switchboard.telemetry.client.RegistrySpend;

/**
 * Measures each managed key's and team's spend in its current budget period against its budget, in percent. The spend
 * is the registry's settled spend, the one figure the routers enforce budgets on (telemetry's own prices, corrections
 * and hour buckets could tell another story); while the registry cannot be reached nothing is measured, so no budget
 * alert fires or resolves. An alert's scope is the key or team, so it fires once as the spend crosses the rule's
 * percentage and resolves when a new period starts (or the budget is raised or removed); the next period can fire it
 * again.
 */
@ApplicationScoped
public class BudgetConditions {

    private final KeyBook keys;
    private final RegistryClient registry;

    public BudgetConditions(KeyBook keys, RegistryClient registry) {
        this.keys = keys;
        this.registry = registry;
    }

    List<Observation> observe(AlertRule rule, Instant now) {
        List<BudgetScope> scopes = keys.scopes();
        Optional<Map<String, RegistrySpend>> settled = scopes.stream().anyMatch(BudgetScope::budgeted)
                ? registry.settledSpend(now)
                : Optional.of(Map.of());
        if (settled.isEmpty()) {
            return List.of();
        }
        List<Observation> observations = new ArrayList<>();
        for (BudgetScope scope : scopes) {
            if (!scope.budgeted()) {
                observations.add(new Observation(scope.scope(), null, null, 0, false,
                        scope.label() + " has no budget to watch"));
                continue;
            }
            // A scope the registry does not list has settled nothing yet (or lost its budget a moment ago).
            RegistrySpend spend = settled.get().get(scope.scope());
            BigDecimal spent = spend == null || spend.spendUsd() == null ? BigDecimal.ZERO : spend.spendUsd();
            double percent = spent.multiply(BigDecimal.valueOf(100))
                    .divide(scope.maxBudgetUsd(), 1, RoundingMode.HALF_UP).doubleValue();
            Instant reset = scope.period().reset(now);
            String message = String.format(Locale.ROOT,
                    "%s has spent %s USD of its %s budget of %s USD (%.1f%%; threshold %s%%); %s", scope.label(),
                    money(spent), scope.period().wireName(), money(scope.maxBudgetUsd()), percent,
                    BigDecimal.valueOf(rule.threshold()).stripTrailingZeros().toPlainString(),
                    reset == null ? "it never resets" : "it resets at " + reset);
            observations.add(new Observation(scope.scope(), null, null, percent, percent >= rule.threshold(), message));
        }
        return observations;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(amount.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }
}

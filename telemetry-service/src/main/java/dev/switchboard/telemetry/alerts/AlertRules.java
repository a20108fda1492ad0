package dev.switchboard.telemetry.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/** The enabled alert rules from configuration, checked at start-up so that a rule missing its threshold fails fast. */
@Startup
@ApplicationScoped
public class AlertRules {

    private final List<AlertRule> rules;

    public AlertRules(AlertsConfig config) {
        this.rules = of(config.rules());
    }

    public List<AlertRule> all() {
        return rules;
    }

    static List<AlertRule> of(Map<String, AlertsConfig.Rule> configured) {
        List<AlertRule> rules = new ArrayList<>();
        configured.forEach((name, rule) -> {
            if (!rule.enabled()) {
                return;
            }
            Double threshold = rule.threshold().isPresent() ? rule.threshold().getAsDouble() : null;
            if (threshold == null && rule.kind() != AlertKind.PROVIDER_DOWN) {
                throw new IllegalStateException("alert rule '" + name + "' (" + rule.kind().wireName()
                        + ") needs switchboard.telemetry.alerts.rules." + name + ".threshold");
            }
            if (rule.kind() == AlertKind.BUDGET_BURN && rule.budgetUsd().isEmpty()) {
                throw new IllegalStateException("alert rule '" + name + "' (budget-burn) needs "
                        + "switchboard.telemetry.alerts.rules." + name + ".budget-usd");
            }
            if (rule.window().isNegative() || rule.window().isZero()) {
                throw new IllegalStateException("alert rule '" + name + "' needs a positive window");
            }
            rules.add(new AlertRule(name, rule.kind(), threshold, rule.window(), Math.max(1, rule.minRequests()),
                    rule.severity(), rule.provider().orElse(null), rule.budgetUsd().orElse(null)));
        });
        rules.sort(Comparator.comparing(AlertRule::name));
        return List.copyOf(rules);
    }
}

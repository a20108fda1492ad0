package dev.switchboard.telemetry.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.metrics.UsageMetrics;

/**
 * Evaluates every rule: a breaching scope fires once, a firing alert whose scope is measured again below the threshold
 * resolves, and each change is posted to the webhooks. A scope without enough traffic to measure keeps its state.
 */
@ApplicationScoped
public class AlertEngine {

    private final AlertRules rules;
    private final AlertConditions conditions;
    private final AlertRepository alerts;
    private final AlertNotifier notifier;
    private final UsageMetrics metrics;

    public AlertEngine(AlertRules rules, AlertConditions conditions, AlertRepository alerts, AlertNotifier notifier,
            UsageMetrics metrics) {
        this.rules = rules;
        this.conditions = conditions;
        this.alerts = alerts;
        this.notifier = notifier;
        this.metrics = metrics;
    }

    @Scheduled(every = "{switchboard.telemetry.alerts.evaluate-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            evaluate(Instant.now());
        } catch (SQLException e) {
            Log.warnf("Alert rules could not be evaluated: %s", e.getMessage());
        }
    }

    /** Evaluates every rule as of {@code now}; returns the alerts that fired or resolved. */
    public synchronized List<Alert> evaluate(Instant now) throws SQLException {
        List<Alert> changes = new ArrayList<>();
        Map<String, List<Alert>> firingByRule = new HashMap<>(alerts.firing().stream()
                .collect(Collectors.groupingBy(Alert::rule)));
        for (AlertRule rule : rules.all()) {
            Map<String, Observation> observed = conditions.observe(rule, now).stream()
                    .collect(Collectors.toMap(Observation::scope, Function.identity(), (a, b) -> a));
            for (Observation observation : observed.values()) {
                if (observation.breaching()) {
                    alerts.fire(rule, observation, now).ifPresent(changes::add);
                }
            }
            for (Alert alert : firingByRule.getOrDefault(rule.name(), List.of())) {
                Observation current = observed.get(alert.scope());
                if (current != null && !current.breaching()) {
                    alerts.resolve(alert.id(), now, current.value(), current.message()).ifPresent(changes::add);
                }
            }
            firingByRule.remove(rule.name());
        }
        // What is left fires for a rule that was removed or disabled: nothing will ever resolve it otherwise.
        for (List<Alert> orphans : firingByRule.values()) {
            for (Alert alert : orphans) {
                alerts.resolve(alert.id(), now, null, "rule " + alert.rule() + " is no longer configured")
                        .ifPresent(changes::add);
            }
        }
        changes.forEach(notifier::notify);
        countFiring();
        return changes;
    }

    private void countFiring() throws SQLException {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        alerts.firing().forEach(alert -> counts.merge(alert.severity(), 1, Integer::sum));
        metrics.firingAlerts(counts);
    }
}

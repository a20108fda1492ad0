package dev.switchboard.telemetry.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.budgets.BudgetScope;
import dev.switchboard.telemetry.budgets.KeyBook;

/**
 * Measures each managed key's and team's spend in its current budget period against its budget, in percent. Spend is
 * the keys' priced attempts from the hour rollups (a period starts at 00:00 UTC, on an hour bucket). An alert's scope
 * is the key or team, so it fires once as the spend crosses the rule's percentage and resolves when a new period
 * starts (or the budget is raised or removed); the next period can fire it again.
 */
@ApplicationScoped
public class BudgetConditions {

    private static final String SPEND = """
            SELECT coalesce(sum(cost_usd), 0) FROM usage_rollup_hour
            WHERE api_key_id = ANY (?) AND bucket_start >= ? AND bucket_start <= ?
            """;

    private final KeyBook keys;

    public BudgetConditions(KeyBook keys) {
        this.keys = keys;
    }

    List<Observation> observe(Connection connection, AlertRule rule, Instant now) throws SQLException {
        List<Observation> observations = new ArrayList<>();
        for (BudgetScope scope : keys.scopes()) {
            if (!scope.budgeted()) {
                observations.add(new Observation(scope.scope(), null, null, 0, false,
                        scope.label() + " has no budget to watch"));
                continue;
            }
            Instant start = scope.period().start(now);
            BigDecimal spent = spend(connection, scope.keyIds(), start, now);
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

    private static BigDecimal spend(Connection connection, List<String> keyIds, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SPEND)) {
            query.setArray(1, connection.createArrayOf("text", keyIds.toArray()));
            query.setTimestamp(2, Timestamp.from(from));
            query.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(amount.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }
}

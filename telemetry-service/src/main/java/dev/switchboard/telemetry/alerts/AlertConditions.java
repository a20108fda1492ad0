package dev.switchboard.telemetry.alerts;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.Durations;
import dev.switchboard.telemetry.sql.Sql;

/**
 * Measures each rule's condition over the raw events (and the hour rollups for month-to-date spend; keys' and teams'
 * budgets are {@link BudgetConditions}', from the registry's settled spend). A scope with too
 * little traffic to say anything gets no observation, so an alert on it neither fires nor resolves.
 */
@ApplicationScoped
public class AlertConditions {

    private static final double MAX_DAYS = 9999;

    /**
     * Error rate, latency and provider-down are measured over the attempts that finished on their own: a cancelled one
     * (the client went away) neither failed nor shows how long the provider takes.
     */
    private static final String FINISHED = "NOT cache_hit AND outcome <> 'cancelled'";
    /** The latency rule's query sorts the window's latencies; the error-rate rule's only counts. */
    private static final String PER_MODEL = """
            SELECT provider, model, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'error') AS failures,
                   %s AS p95
            FROM usage_event
            WHERE occurred_at > ? AND occurred_at <= ? AND %s AND (?::text IS NULL OR provider = ?)
            GROUP BY provider, model
            """;
    private static final String LATENCY_PER_MODEL = PER_MODEL
            .formatted("percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)", FINISHED);
    private static final String ERRORS_PER_MODEL = PER_MODEL.formatted("NULL::float8", FINISHED);
    private static final String PER_PROVIDER = """
            SELECT provider, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'success') AS successes
            FROM usage_event
            WHERE occurred_at > ? AND occurred_at <= ? AND %s AND (?::text IS NULL OR provider = ?)
            GROUP BY provider
            """.formatted(FINISHED);
    private static final String SPEND = """
            SELECT coalesce(sum(cost_usd), 0) FROM usage_event
            WHERE occurred_at > ? AND occurred_at <= ? AND (?::text IS NULL OR provider = ?)
            """;
    private static final String MONTH_TO_DATE = """
            SELECT coalesce(sum(cost_usd), 0) FROM usage_rollup_hour
            WHERE bucket_start >= ? AND bucket_start <= ? AND (?::text IS NULL OR provider = ?)
            """;

    private final AgroalDataSource dataSource;
    private final BudgetConditions budgets;

    public AlertConditions(AgroalDataSource dataSource, BudgetConditions budgets) {
        this.dataSource = dataSource;
        this.budgets = budgets;
    }

    public List<Observation> observe(AlertRule rule, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return switch (rule.kind()) {
                case ERROR_RATE, LATENCY_P95 -> perModel(connection, rule, now);
                case PROVIDER_DOWN -> perProvider(connection, rule, now);
                case SPEND -> List.of(spend(connection, rule, now));
                case BUDGET_BURN -> List.of(budget(connection, rule, now));
                case KEY_BUDGET -> budgets.observe(rule, now);
            };
        }
    }

    private static List<Observation> perModel(Connection connection, AlertRule rule, Instant now) throws SQLException {
        List<Observation> observations = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                rule.kind() == AlertKind.ERROR_RATE ? ERRORS_PER_MODEL : LATENCY_PER_MODEL)) {
            Sql.bind(query, now.minus(rule.window()), now, rule.provider(), rule.provider());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long attempts = rows.getLong("attempts");
                    if (attempts < rule.minRequests()) {
                        continue;
                    }
                    String provider = rows.getString("provider");
                    String model = rows.getString("model");
                    String scope = provider + "/" + model;
                    if (rule.kind() == AlertKind.ERROR_RATE) {
                        long failures = rows.getLong("failures");
                        double rate = 100.0 * failures / attempts;
                        observations.add(new Observation(scope, provider, model, rate, rate > rule.threshold(),
                                format("error rate %.1f%% on %s over the last %s (%d of %d attempts failed; threshold %s%%)",
                                        rate, scope, Durations.compact(rule.window()), failures, attempts,
                                        plain(rule.threshold()))));
                    } else {
                        double p95 = rows.getDouble("p95");
                        observations.add(new Observation(scope, provider, model, p95, p95 > rule.threshold(),
                                format("p95 latency %.0f ms on %s over the last %s (%d attempts; threshold %s ms)", p95,
                                        scope, Durations.compact(rule.window()), attempts, plain(rule.threshold()))));
                    }
                }
            }
        }
        return observations;
    }

    private static List<Observation> perProvider(Connection connection, AlertRule rule, Instant now) throws SQLException {
        List<Observation> observations = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(PER_PROVIDER)) {
            Sql.bind(query, now.minus(rule.window()), now, rule.provider(), rule.provider());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String provider = rows.getString("provider");
                    long attempts = rows.getLong("attempts");
                    long successes = rows.getLong("successes");
                    if (successes > 0) {
                        observations.add(new Observation(provider, provider, null, successes, false,
                                format("provider %s answered again: %d of %d attempts succeeded over the last %s", provider,
                                        successes, attempts, Durations.compact(rule.window()))));
                    } else if (attempts >= rule.minRequests()) {
                        observations.add(new Observation(provider, provider, null, 0, true,
                                format("provider %s is down: no success in the last %s (%d attempts, all failed)",
                                        provider, Durations.compact(rule.window()), attempts)));
                    }
                }
            }
        }
        return observations;
    }

    private static Observation spend(Connection connection, AlertRule rule, Instant now) throws SQLException {
        BigDecimal spent = sum(connection, SPEND, now.minus(rule.window()), now, rule.provider());
        String scope = rule.provider() == null ? "all" : rule.provider();
        return new Observation(scope, rule.provider(), null, spent.doubleValue(), spent.doubleValue() > rule.threshold(),
                format("spend %s USD over the last %s%s (threshold %s USD)", money(spent), Durations.compact(rule.window()),
                        rule.provider() == null ? "" : " on " + rule.provider(), plain(rule.threshold())));
    }

    private static Observation budget(Connection connection, AlertRule rule, Instant now) throws SQLException {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        Instant monthStart = utc.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant monthEnd = utc.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1).toInstant();
        BigDecimal spentThisMonth = sum(connection, MONTH_TO_DATE, monthStart, now, rule.provider());
        BigDecimal spentInWindow = sum(connection, SPEND, now.minus(rule.window()), now, rule.provider());
        double perDay = spentInWindow.doubleValue() / days(rule.window());
        double remaining = rule.budgetUsd().subtract(spentThisMonth).doubleValue();
        double daysLeft = remaining <= 0 ? 0 : perDay <= 0 ? MAX_DAYS : Math.min(MAX_DAYS, remaining / perDay);
        double daysToMonthEnd = days(Duration.between(now, monthEnd));
        boolean breaching = daysLeft < rule.threshold() && daysLeft < daysToMonthEnd;
        String scope = rule.provider() == null ? "all" : rule.provider();
        String message = remaining <= 0
                ? format("the monthly budget of %s USD%s is spent: %s USD this month", money(rule.budgetUsd()),
                        rule.provider() == null ? "" : " for " + rule.provider(), money(spentThisMonth))
                : format("at %s USD/day (the last %s) the monthly budget of %s USD%s runs out in %.1f days, %.1f days "
                        + "before the month ends (spent %s USD this month; threshold %s days)", money(perDay),
                        Durations.compact(rule.window()), money(rule.budgetUsd()),
                        rule.provider() == null ? "" : " for " + rule.provider(), daysLeft,
                        Math.max(0, daysToMonthEnd - daysLeft), money(spentThisMonth), plain(rule.threshold()));
        return new Observation(scope, rule.provider(), null, daysLeft, breaching, message);
    }

    private static BigDecimal sum(Connection connection, String sql, Instant from, Instant to, String provider)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            Sql.bind(query, from, to, provider, provider);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    private static double days(Duration duration) {
        return duration.toMillis() / 86_400_000.0;
    }

    private static String money(Object amount) {
        double value = amount instanceof BigDecimal big ? big.doubleValue() : (Double) amount;
        return format(Math.abs(value) < 1 ? "%.4f" : "%.2f", value);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

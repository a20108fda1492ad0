package dev.switchboard.telemetry.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.switchboard.telemetry.alerts.Alert;
import dev.switchboard.telemetry.attribution.SpendGroup;
import dev.switchboard.telemetry.insights.Insight;
import dev.switchboard.telemetry.stats.ModelStats;

/**
 * What the dashboard page shows; {@code historyJson} feeds its charts, {@code keySpend} and {@code teamSpend} are the
 * costliest keys and teams of the range.
 */
public record Dashboard(
        int hours,
        List<Integer> ranges,
        List<ModelStats> models,
        List<ProviderCost> providerCosts,
        BigDecimal totalCostUsd,
        long totalRequests,
        long totalFailures,
        List<Alert> alerts,
        List<Insight> insights,
        String exportFrom,
        String historyJson,
        List<SpendGroup> keySpend,
        List<SpendGroup> teamSpend) {

    public static Dashboard of(int hours, List<Integer> ranges, List<ModelStats> models, List<Alert> alerts,
            List<Insight> insights, Instant exportFrom, String historyJson, List<SpendGroup> keySpend,
            List<SpendGroup> teamSpend) {
        Map<String, BigDecimal> costs = new TreeMap<>();
        Map<String, Long> requests = new TreeMap<>();
        models.forEach(m -> {
            costs.merge(m.provider(), m.costUsd(), BigDecimal::add);
            requests.merge(m.provider(), m.requests(), Long::sum);
        });
        BigDecimal total = costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal max = costs.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        List<ProviderCost> providerCosts = costs.entrySet().stream()
                .map(e -> new ProviderCost(e.getKey(), e.getValue().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                        requests.get(e.getKey()),
                        max.signum() == 0 ? 0
                                : e.getValue().multiply(BigDecimal.valueOf(100))
                                        .divide(max, 0, RoundingMode.HALF_UP).intValue()))
                .toList();
        return new Dashboard(hours, ranges, models, providerCosts, total.setScale(4, RoundingMode.HALF_UP),
                models.stream().mapToLong(ModelStats::requests).sum(),
                models.stream().mapToLong(ModelStats::failures).sum(), alerts, insights, exportFrom.toString(),
                historyJson, keySpend, teamSpend);
    }

    /** One provider's bar in the cost chart; {@code percent} of the most expensive provider. */
    public record ProviderCost(String provider, String costUsd, long requests, int percent) {
    }
}

package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.insights.InsightFigures.format;
import static dev.switchboard.telemetry.insights.InsightFigures.numbers;
import static dev.switchboard.telemetry.insights.InsightFigures.round;
import static dev.switchboard.telemetry.insights.InsightFigures.usd;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.Durations;
import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.client.RegistryClient;
import dev.switchboard.telemetry.client.RegistryDrift;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.insights.InsightQueries.Trend;
import dev.switchboard.telemetry.insights.InsightQueries.Usage;

/**
 * Recommendations drawn from the data, each with the figures behind it: latency regressions, rising error rates,
 * cheaper models of the same quality tier, unpriced models, traffic that response caching would serve, and synced prices
 * that differ from the prices in force.
 */
@ApplicationScoped
public class InsightService {

    private final InsightQueries queries;
    private final CheaperModels cheaper;
    private final ModelCatalog catalog;
    private final RegistryClient registry;
    private final InsightsConfig config;

    public InsightService(InsightQueries queries, CheaperModels cheaper, ModelCatalog catalog, RegistryClient registry,
            InsightsConfig config) {
        this.queries = queries;
        this.cheaper = cheaper;
        this.catalog = catalog;
        this.registry = registry;
        this.config = config;
    }

    public Insights insights(Instant now, int hours) throws SQLException {
        List<Insight> insights = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Instant recentStart = now.minus(config.recentWindow());
        List<Trend> trends = queries.trends(recentStart.minus(config.baselineWindow()), recentStart, now);
        trends.forEach(trend -> latencyRegression(trend).ifPresent(insights::add));
        risingErrorRates(trends, insights);
        List<Usage> usage = queries.usage(now.minus(Duration.ofHours(hours)), now);
        Optional<List<RegistryModel>> models = catalog.models();
        if (models.isEmpty()) {
            notes.add("the registry could not be reached: no cheaper-model recommendations");
        }
        Map<String, Usage> byModel = usage.stream()
                .collect(Collectors.toMap(model -> model.provider() + "/" + model.model(), model -> model));
        for (Usage model : usage) {
            models.flatMap(list -> cheaper.recommend(model, byModel, list, hours)).ifPresent(insights::add);
            unpriced(model).ifPresent(insights::add);
            caching(model).ifPresent(insights::add);
        }
        Optional<List<RegistryDrift>> drifts = registry.drift(now.minus(Duration.ofHours(hours)));
        drifts.ifPresentOrElse(found -> insights.addAll(PriceDrifts.insights(found)),
                () -> notes.add("the registry could not be reached: no price-drift insights"));
        return new Insights(now, hours, insights, notes);
    }

    private Optional<Insight> latencyRegression(Trend trend) {
        if (trend.recentSuccesses() < config.minRequests() || trend.baseSuccesses() < config.minRequests()
                || trend.recentP95() == null || trend.baseP95() == null || trend.baseP95() <= 0
                || trend.recentP95() < config.latencyFactor() * trend.baseP95()) {
            return Optional.empty();
        }
        double ratio = trend.recentP95() / trend.baseP95();
        Map<String, Object> numbers = numbers("recentP95Ms", round(trend.recentP95()), "baselineP95Ms",
                round(trend.baseP95()), "ratio", round(ratio), "recentRequests", trend.recentSuccesses(),
                "baselineRequests", trend.baseSuccesses(), "recentWindow", Durations.compact(config.recentWindow()),
                "baselineWindow", Durations.compact(config.baselineWindow()));
        return Optional.of(new Insight("latency-regression", Severity.WARNING, trend.provider(), trend.model(),
                format("p95 latency of %s/%s is %.1fx its baseline", trend.provider(), trend.model(), ratio),
                format("p95 latency rose from %.0f ms to %.0f ms over the last %s; check the provider's status, or route "
                        + "latency-sensitive traffic elsewhere", trend.baseP95(), trend.recentP95(),
                        Durations.compact(config.recentWindow())),
                numbers));
    }

    private void risingErrorRates(List<Trend> trends, List<Insight> insights) {
        Map<String, long[]> byProvider = new TreeMap<>();
        for (Trend trend : trends) {
            long[] sums = byProvider.computeIfAbsent(trend.provider(), p -> new long[4]);
            sums[0] += trend.recentAttempts();
            sums[1] += trend.recentFailures();
            sums[2] += trend.baseAttempts();
            sums[3] += trend.baseFailures();
        }
        byProvider.forEach((provider, sums) -> {
            if (sums[0] < config.minRequests() || sums[2] < config.minRequests()) {
                return;
            }
            double recent = 100.0 * sums[1] / sums[0];
            double base = 100.0 * sums[3] / sums[2];
            if (recent - base < config.errorRateMinPoints() || recent < config.errorRateFactor() * base) {
                return;
            }
            insights.add(new Insight("error-rate-rising", recent >= 50 ? Severity.HIGH : Severity.WARNING, provider, null,
                    format("error rate of %s rose from %.1f%% to %.1f%%", provider, base, recent),
                    format("%d of %d attempts failed over the last %s against %.1f%% before; look at the recent errors "
                            + "in GET /telemetry?provider=%s and consider a fallback provider", sums[1], sums[0],
                            Durations.compact(config.recentWindow()), base, provider),
                    numbers("recentErrorRatePercent", round(recent), "baselineErrorRatePercent", round(base),
                            "recentAttempts", sums[0], "recentFailures", sums[1], "baselineAttempts", sums[2],
                            "baselineFailures", sums[3])));
        });
    }

    private Optional<Insight> unpriced(Usage usage) {
        if (usage.unpriced() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Insight("unpriced-model", Severity.WARNING, usage.provider(), usage.model(),
                format("%s/%s has %d unpriced attempts", usage.provider(), usage.model(), usage.unpriced()),
                format("the registry has no price in force for %s/%s (%s); add one in the registry so its cost is counted: "
                        + "stored events are priced again within the re-pricing window", usage.provider(), usage.model(),
                        usage.unpricedReasons()),
                numbers("unpricedRequests", usage.unpriced(), "requests", usage.requests(), "reasons",
                        usage.unpricedReasons(), "inputTokens", usage.inputTokens(), "outputTokens",
                        usage.outputTokens())));
    }

    private Optional<Insight> caching(Usage usage) {
        long served = usage.requests() + usage.cacheHits();
        if (usage.requests() < config.minRequests() || usage.inputTokens() == 0) {
            return Optional.empty();
        }
        double cachedShare = (double) usage.cachedInputTokens() / usage.inputTokens();
        double hitRatio = (double) usage.cacheHits() / served;
        if (cachedShare < config.cachedInputShare() || hitRatio >= 0.05) {
            return Optional.empty();
        }
        return Optional.of(new Insight("enable-caching", Severity.INFO, usage.provider(), usage.model(),
                format("%s/%s sees repeated prompts but few cache hits", usage.provider(), usage.model()),
                format("%.0f%% of its input tokens were already in the provider's prompt cache, yet only %.1f%% of its "
                        + "requests were answered from the response cache: turn response caching on for this traffic",
                        100 * cachedShare, 100 * hitRatio),
                numbers("requests", usage.requests(), "cacheHits", usage.cacheHits(), "cacheHitRatio", round(hitRatio),
                        "cachedInputShare", round(cachedShare), "costUsd", usd(usage.costUsd()))));
    }
}

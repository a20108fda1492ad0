package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.insights.InsightFigures.format;
import static dev.switchboard.telemetry.insights.InsightFigures.numbers;
import static dev.switchboard.telemetry.insights.InsightFigures.round;
import static dev.switchboard.telemetry.insights.InsightFigures.usd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.insights.InsightQueries.Usage;
import dev.switchboard.telemetry.pricing.PriceList;

/**
 * Finds, for a model's traffic, the cheapest available model of the same quality tier that offers at least the same
 * capabilities, and what the same tokens would have cost there. Both sides are priced at today's prices.
 */
@ApplicationScoped
public class CheaperModels {

    private static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    private static final BigDecimal MIN_SAVING_SHARE = new BigDecimal("0.10");

    private final InsightsConfig config;

    public CheaperModels(InsightsConfig config) {
        this.config = config;
    }

    public Optional<Insight> recommend(Usage usage, List<RegistryModel> catalog, int hours) {
        Optional<RegistryModel> current = catalog.stream()
                .filter(m -> usage.provider().equals(m.provider()) && usage.model().equals(m.modelId())).findFirst();
        if (current.isEmpty() || current.get().qualityTier() == null || current.get().price() == null
                || usage.requests() == 0) {
            return Optional.empty();
        }
        RegistryModel model = current.get();
        BigDecimal currentCost = costOf(model, usage);
        if (currentCost == null || currentCost.signum() <= 0) {
            return Optional.empty();
        }
        List<String> needed = model.capabilities() == null ? List.of() : model.capabilities();
        return catalog.stream()
                .filter(m -> !Objects.equals(m.id(), model.id()) && m.available() && !m.deprecated()
                        && model.qualityTier().equals(m.qualityTier()) && m.capabilities() != null
                        && m.capabilities().containsAll(needed))
                .map(m -> new Candidate(m, costOf(m, usage)))
                .filter(c -> c.cost() != null)
                .min(Comparator.comparing(Candidate::cost))
                .filter(c -> worthIt(currentCost, c.cost()))
                .map(c -> insight(usage, model, currentCost, c, hours));
    }

    private boolean worthIt(BigDecimal current, BigDecimal alternative) {
        BigDecimal saving = current.subtract(alternative);
        return saving.compareTo(config.minSavingUsd()) >= 0
                && saving.divide(current, MathContext.DECIMAL64).compareTo(MIN_SAVING_SHARE) >= 0;
    }

    private static Insight insight(Usage usage, RegistryModel model, BigDecimal currentCost, Candidate alternative,
            int hours) {
        BigDecimal saving = currentCost.subtract(alternative.cost());
        double percent = 100 * saving.doubleValue() / currentCost.doubleValue();
        BigDecimal monthly = saving.multiply(HOURS_PER_MONTH).divide(BigDecimal.valueOf(hours), MathContext.DECIMAL64);
        String alternativeId = alternative.model().id() != null ? alternative.model().id()
                : alternative.model().provider() + "/" + alternative.model().modelId();
        return new Insight("cheaper-model", Severity.INFO, usage.provider(), usage.model(),
                format("%s could save %.0f%% on %s/%s", alternativeId, percent, usage.provider(),
                        usage.model()),
                format("the same tokens on %s (quality tier %s, the same capabilities) would have cost "
                        + "%s USD instead of %s USD over the last %d h: about %s USD a month at this rate", alternativeId,
                        model.qualityTier(), usd(alternative.cost()).toPlainString(),
                        usd(currentCost).toPlainString(), hours,
                        usd(monthly).toPlainString()),
                numbers("alternative", alternativeId, "qualityTier", model.qualityTier(), "requests",
                        usage.requests(), "inputTokens", usage.inputTokens(), "cachedInputTokens",
                        usage.cachedInputTokens(), "outputTokens", usage.outputTokens(), "costUsd",
                        usd(currentCost), "alternativeCostUsd", usd(alternative.cost()),
                        "savingUsd", usd(saving), "savingPercent", round(percent),
                        "projectedMonthlySavingUsd", usd(monthly), "windowHours", hours));
    }

    private static BigDecimal costOf(RegistryModel model, Usage usage) {
        if (model.price() == null || model.price().inputCostPerMillion() == null
                || model.price().outputCostPerMillion() == null) {
            return null;
        }
        return PriceList.cost(model.price(), usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens());
    }

    private record Candidate(RegistryModel model, BigDecimal cost) {
    }
}

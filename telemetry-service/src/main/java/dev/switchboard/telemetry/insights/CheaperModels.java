package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.insights.InsightFigures.format;
import static dev.switchboard.telemetry.insights.InsightFigures.numbers;
import static dev.switchboard.telemetry.insights.InsightFigures.round;
import static dev.switchboard.telemetry.insights.InsightFigures.usd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.UnitCosts;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.insights.InsightQueries.Usage;

/**
 * Finds, for a model's traffic, the available model of the same quality tier, with at least the same capabilities,
 * whose successful call would cost least. Like is compared with like: both sides price the same tokens (every kind) at
 * today's prices, per successful call and per thousand tokens. A call that fails costs too, so each side's cost per
 * successful call divides the cost of its attempts by its success rate: the alternative's own over the window when it
 * served at least {@code min-requests} attempts, else this model's.
 */
@ApplicationScoped
public class CheaperModels {

    private static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    private static final BigDecimal MIN_SAVING_SHARE = new BigDecimal("0.10");

    private final InsightsConfig config;

    public CheaperModels(InsightsConfig config) {
        this.config = config;
    }

    /** {@code window} is every model's use over the same window, by {@code provider/model}. */
    public Optional<Insight> recommend(Usage usage, Map<String, Usage> window, List<RegistryModel> catalog, int hours) {
        Optional<RegistryModel> current = catalog.stream()
                .filter(m -> usage.provider().equals(m.provider()) && usage.model().equals(m.modelId())).findFirst();
        if (current.isEmpty() || current.get().qualityTier() == null || current.get().price() == null
                || usage.successes() == 0) {
            return Optional.empty();
        }
        RegistryModel model = current.get();
        Side here = side(model, usage, usage.successRate(), true);
        if (here == null || here.cost().signum() <= 0) {
            return Optional.empty();
        }
        List<String> needed = model.capabilities() == null ? List.of() : model.capabilities();
        return catalog.stream()
                .filter(m -> !Objects.equals(m.id(), model.id()) && m.available() && !m.deprecated()
                        && model.qualityTier().equals(m.qualityTier()) && m.capabilities() != null
                        && m.capabilities().containsAll(needed))
                .map(m -> alternative(m, usage, window.get(m.provider() + "/" + m.modelId())))
                .filter(Objects::nonNull)
                .min(Comparator.comparing(Side::perSuccess))
                .filter(there -> worthIt(here, there, usage))
                .map(there -> insight(usage, model, here, there, hours));
    }

    /** The alternative's side: this traffic's tokens at its price, at its own success rate where it was measured. */
    private Side alternative(RegistryModel candidate, Usage usage, Usage observed) {
        boolean measured = observed != null && observed.finished() >= config.minRequests();
        double rate = measured ? observed.successRate() : usage.successRate();
        return rate <= 0 ? null : side(candidate, usage, rate, measured);
    }

    /** A model's figures for this traffic: null when it has no price. */
    private static Side side(RegistryModel model, Usage usage, double successRate, boolean rateMeasured) {
        if (model.price() == null || model.price().inputCostPerMillion() == null
                || model.price().outputCostPerMillion() == null) {
            return null;
        }
        BigDecimal cost = model.price().tokenPrices().cost(usage.tokens());
        return new Side(model, cost, UnitCosts.perSuccess(cost, usage.requests() * successRate),
                UnitCosts.per1kTokens(cost, usage.inputTokens() + usage.outputTokens()), successRate, rateMeasured);
    }

    private boolean worthIt(Side here, Side there, Usage usage) {
        BigDecimal saving = saving(here, there, usage);
        return saving.compareTo(config.minSavingUsd()) >= 0
                && here.perSuccess().subtract(there.perSuccess()).divide(here.perSuccess(), MathContext.DECIMAL64)
                        .compareTo(MIN_SAVING_SHARE) >= 0;
    }

    /** What the window's successful calls would have saved. */
    private static BigDecimal saving(Side here, Side there, Usage usage) {
        return here.perSuccess().subtract(there.perSuccess()).multiply(BigDecimal.valueOf(usage.successes()));
    }

    private static Insight insight(Usage usage, RegistryModel model, Side here, Side there, int hours) {
        BigDecimal saving = saving(here, there, usage);
        BigDecimal hereCost = here.perSuccess().multiply(BigDecimal.valueOf(usage.successes()));
        BigDecimal thereCost = hereCost.subtract(saving);
        double percent = 100 * saving.doubleValue() / hereCost.doubleValue();
        BigDecimal monthly = saving.multiply(HOURS_PER_MONTH).divide(BigDecimal.valueOf(hours), MathContext.DECIMAL64);
        String alternativeId = there.model().id() != null ? there.model().id()
                : there.model().provider() + "/" + there.model().modelId();
        return new Insight("cheaper-model", Severity.INFO, usage.provider(), usage.model(),
                format("%s could save %.0f%% on %s/%s", alternativeId, percent, usage.provider(),
                        usage.model()),
                format("the same calls on %s (quality tier %s, the same capabilities) would have cost %s USD per "
                        + "successful call instead of %s USD (%s instead of %s USD per 1k tokens, at a success rate of "
                        + "%.0f%%%s): %s USD instead of %s USD over the last %d h, about %s USD a month saved at this "
                        + "rate", alternativeId, model.qualityTier(), usd(there.perSuccess()).toPlainString(),
                        usd(here.perSuccess()).toPlainString(), usd(there.per1kTokens()).toPlainString(),
                        usd(here.per1kTokens()).toPlainString(), 100 * there.successRate(),
                        there.rateMeasured() ? ", measured" : ", assumed as this model's",
                        usd(thereCost).toPlainString(), usd(hereCost).toPlainString(), hours,
                        usd(monthly).toPlainString()),
                numbers("alternative", alternativeId, "qualityTier", model.qualityTier(), "requests",
                        usage.requests(), "successes", usage.successes(), "inputTokens", usage.inputTokens(),
                        "cachedInputTokens", usage.cachedInputTokens(), "outputTokens", usage.outputTokens(),
                        "costUsd", usd(hereCost), "alternativeCostUsd", usd(thereCost),
                        "costPerSuccessUsd", usd(here.perSuccess()), "alternativeCostPerSuccessUsd",
                        usd(there.perSuccess()), "costPer1kTokensUsd", usd(here.per1kTokens()),
                        "alternativeCostPer1kTokensUsd", usd(there.per1kTokens()),
                        "successRate", round(here.successRate()), "alternativeSuccessRate", round(there.successRate()),
                        "alternativeSuccessRateMeasured", there.rateMeasured(),
                        "savingUsd", usd(saving), "savingPercent", round(percent),
                        "projectedMonthlySavingUsd", usd(monthly), "windowHours", hours));
    }

    /** One model's cost for the traffic, per successful call and per 1k tokens, and the success rate used. */
    private record Side(RegistryModel model, BigDecimal cost, BigDecimal perSuccess, BigDecimal per1kTokens,
            double successRate, boolean rateMeasured) {
    }
}

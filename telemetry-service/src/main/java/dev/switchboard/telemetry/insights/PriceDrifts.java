package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.insights.InsightFigures.format;
import static dev.switchboard.telemetry.insights.InsightFigures.numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.client.RegistryDrift;
import dev.switchboard.telemetry.client.RegistryPrice;

/**
 * {@code price-drift}: a price the registry's catalog sync read that differs from the price in force, with both prices
 * and both sources. One the sync put in force over a catalog or earlier synced price is for information; one waiting
 * beside a manual price is a warning, since the manual price may be out of date.
 */
final class PriceDrifts {

    private PriceDrifts() {
    }

    static List<Insight> insights(List<RegistryDrift> drifts) {
        List<Insight> insights = new ArrayList<>();
        for (RegistryDrift drift : drifts) {
            if (drift.inForce() == null || drift.synced() == null) {
                continue;
            }
            boolean pending = "pending".equals(drift.resolution());
            String model = drift.model();
            insights.add(new Insight("price-drift", pending ? Severity.WARNING : Severity.INFO, drift.provider(),
                    drift.modelId(),
                    format("%s: %s says %s, the %s price %s", model, drift.synced().sourceReference(),
                            amounts(drift.synced()), drift.inForce().source(),
                            pending ? "in force says " + amounts(drift.inForce())
                                    : "it replaced said " + amounts(drift.inForce())),
                    recommendation(drift, pending),
                    numbers("resolution", drift.resolution(), "inForce", price(drift.inForce()), "synced",
                            price(drift.synced()), "detectedAt", drift.detectedAt(), "lastSeenAt", drift.lastSeenAt())));
        }
        return insights;
    }

    private static String recommendation(RegistryDrift drift, boolean pending) {
        if (pending) {
            return format("the manual price stays in force; if the synced one is right, accept it with POST /models/%s"
                    + "/prices/accept, otherwise correct the manual price", drift.model());
        }
        if ("accepted".equals(drift.resolution())) {
            return "an operator accepted the synced price; nothing to do";
        }
        return format("the synced price is in force from %s; if the %s price was right, set it as a manual price, which "
                + "a sync never overrides", drift.synced().effectiveFrom(), drift.inForce().source());
    }

    private static String amounts(RegistryPrice price) {
        return "input " + plain(price.inputCostPerMillion()) + " and output " + plain(price.outputCostPerMillion())
                + " USD per million";
    }

    /** Both prices whole in the numbers, each with where it came from. */
    private static Map<String, Object> price(RegistryPrice price) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("inputCostPerMillion", price.inputCostPerMillion());
        figures.put("outputCostPerMillion", price.outputCostPerMillion());
        figures.put("cachedInputCostPerMillion", price.cachedInputCostPerMillion());
        figures.put("reasoningCostPerMillion", price.reasoningCostPerMillion());
        figures.put("cacheWriteCostPerMillion", price.cacheWriteCostPerMillion());
        figures.put("cacheWrite1hCostPerMillion", price.cacheWrite1hCostPerMillion());
        figures.put("source", price.source());
        figures.put("sourceReference", price.sourceReference());
        figures.put("effectiveFrom", price.effectiveFrom());
        return figures;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "unknown" : value.stripTrailingZeros().toPlainString();
    }
}

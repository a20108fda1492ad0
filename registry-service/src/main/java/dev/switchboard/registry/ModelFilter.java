package dev.switchboard.registry;

import java.math.BigDecimal;
import java.util.List;

/**
 * The filters of {@code GET /models}; a null field does not filter. {@code maxCost} compares with the blended price
 * and leaves out unpriced models; {@code minQuality} keeps that tier and the ones above it. A filter keeps only models
 * known to meet it: an unknown window, tier or capability does not.
 */
public record ModelFilter(
        String provider,
        List<String> capabilities,
        BigDecimal maxCost,
        Integer minContextWindow,
        String latencyTier,
        String minQuality,
        Boolean openWeights,
        Boolean available,
        Boolean local) {

    public boolean matches(ModelView model) {
        return (provider == null || provider.equals(model.provider()))
                && (capabilities == null || model.capabilities().containsAll(capabilities))
                && (maxCost == null || model.blendedCostPerMillion() != null
                        && model.blendedCostPerMillion().compareTo(maxCost) <= 0)
                && (minContextWindow == null || model.contextWindow() != null && model.contextWindow() >= minContextWindow)
                && (latencyTier == null || latencyTier.equals(model.latencyTier()))
                && (minQuality == null
                        || Vocabulary.qualityRank(model.qualityTier()) >= Vocabulary.qualityRank(minQuality))
                && (openWeights == null || openWeights == model.openWeights())
                && (available == null || available == model.available())
                && (local == null || local == model.local());
    }
}

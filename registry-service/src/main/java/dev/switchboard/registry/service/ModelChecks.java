package dev.switchboard.registry.service;

import java.math.BigDecimal;

import dev.switchboard.registry.ModelWrite;
import dev.switchboard.registry.PriceWrite;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.Vocabulary;

/** Validates admin writes; every failure is a 400 that names the field. */
final class ModelChecks {

    private static final int MAX_MODEL_ID = 256;
    private static final int MAX_DISPLAY_NAME = 256;
    private static final int MAX_SOURCE_REFERENCE = 512;
    private static final BigDecimal PRICE_CEILING = RequestChecks.PRICE_CEILING;

    private ModelChecks() {
    }

    static void identity(String provider, String modelId) {
        RequestChecks.present(provider, "provider");
        RequestChecks.present(modelId, "modelId");
        if (Provider.findById(provider) == null) {
            throw RequestChecks.badRequest("unknown provider '" + provider + "'; GET /providers lists them", "provider");
        }
        if (modelId.length() > MAX_MODEL_ID || modelId.chars().anyMatch(Character::isWhitespace)) {
            throw RequestChecks.badRequest("modelId must be at most " + MAX_MODEL_ID + " characters without spaces",
                    "modelId");
        }
    }

    static void description(ModelWrite write) {
        RequestChecks.present(write.displayName(), "displayName");
        RequestChecks.maxLength(write.displayName(), MAX_DISPLAY_NAME, "displayName");
        RequestChecks.present(write.capabilities(), "capabilities");
        RequestChecks.capabilities(write.capabilities(), "capabilities");
        RequestChecks.present(write.contextWindow(), "contextWindow");
        RequestChecks.positive(write.contextWindow(), "contextWindow");
        RequestChecks.present(write.maxOutputTokens(), "maxOutputTokens");
        RequestChecks.positive(write.maxOutputTokens(), "maxOutputTokens");
        if (write.maxOutputTokens() > write.contextWindow()) {
            throw RequestChecks.badRequest("maxOutputTokens (" + write.maxOutputTokens()
                    + ") must not exceed contextWindow (" + write.contextWindow() + ")", "maxOutputTokens");
        }
        RequestChecks.present(write.latencyTier(), "latencyTier");
        RequestChecks.oneOf(write.latencyTier(), Vocabulary.LATENCY_TIERS, "latencyTier");
        RequestChecks.present(write.qualityTier(), "qualityTier");
        RequestChecks.oneOf(write.qualityTier(), Vocabulary.QUALITY_TIERS, "qualityTier");
    }

    static void price(PriceWrite price) {
        RequestChecks.present(price, "price");
        RequestChecks.present(price.inputCostPerMillion(), "inputCostPerMillion");
        RequestChecks.present(price.outputCostPerMillion(), "outputCostPerMillion");
        RequestChecks.notNegative(price.inputCostPerMillion(), "inputCostPerMillion");
        RequestChecks.notNegative(price.outputCostPerMillion(), "outputCostPerMillion");
        RequestChecks.notNegative(price.cachedInputCostPerMillion(), "cachedInputCostPerMillion");
        RequestChecks.notNegative(price.reasoningCostPerMillion(), "reasoningCostPerMillion");
        RequestChecks.notNegative(price.cacheWriteCostPerMillion(), "cacheWriteCostPerMillion");
        RequestChecks.notNegative(price.cacheWrite1hCostPerMillion(), "cacheWrite1hCostPerMillion");
        belowCeiling(price.inputCostPerMillion(), "inputCostPerMillion");
        belowCeiling(price.outputCostPerMillion(), "outputCostPerMillion");
        belowCeiling(price.cachedInputCostPerMillion(), "cachedInputCostPerMillion");
        belowCeiling(price.reasoningCostPerMillion(), "reasoningCostPerMillion");
        belowCeiling(price.cacheWriteCostPerMillion(), "cacheWriteCostPerMillion");
        belowCeiling(price.cacheWrite1hCostPerMillion(), "cacheWrite1hCostPerMillion");
        RequestChecks.inRange(price.effectiveFrom(), "effectiveFrom");
        RequestChecks.maxLength(price.sourceReference(), MAX_SOURCE_REFERENCE, "sourceReference");
    }

    /** The column holds up to 999999.999999. */
    private static void belowCeiling(BigDecimal value, String param) {
        if (value != null && value.compareTo(PRICE_CEILING) >= 0) {
            throw RequestChecks.badRequest(param + " must be below " + PRICE_CEILING.toPlainString(), param);
        }
    }
}

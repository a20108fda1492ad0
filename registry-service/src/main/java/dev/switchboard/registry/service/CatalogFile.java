package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The seed catalog's JSON layout: {@code src/main/resources/catalog/models.json}. */
public record CatalogFile(String version, List<CatalogProvider> providers, List<CatalogModel> models) {

    /** A provider entry. */
    public record CatalogProvider(String name, String kind, String protocol, String baseUrl) {
    }

    /** A model entry; every one carries a price and says where that price came from. */
    public record CatalogModel(
            String provider,
            String modelId,
            String displayName,
            String description,
            List<String> capabilities,
            int contextWindow,
            int maxOutputTokens,
            String latencyTier,
            String qualityTier,
            boolean openWeights,
            CatalogPrice price) {
    }

    /** A list price in USD per million tokens, with its effective date and source. */
    public record CatalogPrice(
            BigDecimal inputCostPerMillion,
            BigDecimal outputCostPerMillion,
            BigDecimal cachedInputCostPerMillion,
            BigDecimal reasoningCostPerMillion,
            LocalDate effectiveFrom,
            String source) {
    }
}

package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The seed catalog's layout: {@code src/main/resources/catalog/models.json}, described by
 * {@code catalog/models.schema.json}. {@code version} is the ISO date of the catalog's last review.
 */
@JsonIgnoreProperties({ "$schema", "$comment" })
public record CatalogFile(String version, List<CatalogProvider> providers, List<CatalogModel> models) {

    /** A provider entry. */
    public record CatalogProvider(String name, String kind, String protocol, String baseUrl) {
    }

    /**
     * A model entry; {@code sources} are the pages its limits and capabilities were checked against, and every entry
     * carries a price that says where it came from.
     */
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
            boolean deprecated,
            LocalDate sunsetDate,
            List<String> sources,
            CatalogPrice price) {
    }

    /**
     * A list price in USD per million tokens, per kind of token as in {@link dev.switchboard.registry.PriceView}, with
     * its effective date and source. {@code verification} is
     * {@code provider-page} (checked on the provider's own page), {@code secondary} (checked only on a reseller or
     * aggregator listing), {@code unconfirmed} (carried over, not confirmed at the last review) or
     * {@code not-applicable} (no per-token charge); anything but {@code provider-page} and {@code not-applicable}
     * needs a {@code note}.
     */
    public record CatalogPrice(
            BigDecimal inputCostPerMillion,
            BigDecimal outputCostPerMillion,
            BigDecimal cachedInputCostPerMillion,
            BigDecimal reasoningCostPerMillion,
            BigDecimal cacheWriteCostPerMillion,
            BigDecimal cacheWrite1hCostPerMillion,
            LocalDate effectiveFrom,
            String source,
            String verification,
            String note) {
    }
}

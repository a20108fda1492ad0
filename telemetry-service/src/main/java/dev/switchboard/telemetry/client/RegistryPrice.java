package dev.switchboard.telemetry.client;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.switchboard.contracts.TokenPrices;

/**
 * A registry price row, USD per million tokens, one price per kind of token (a kind left null costs as the registry
 * says: see {@link TokenPrices}). {@code status} is {@code active} or {@code pending} (a proposal not in force); rows
 * without one are taken as active.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryPrice(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal reasoningCostPerMillion,
        BigDecimal cacheWriteCostPerMillion,
        BigDecimal cacheWrite1hCostPerMillion,
        Instant effectiveFrom,
        String source,
        String sourceReference,
        String status,
        Instant setAt) {

    public boolean active() {
        return status == null || "active".equals(status);
    }

    public TokenPrices tokenPrices() {
        return new TokenPrices(inputCostPerMillion, outputCostPerMillion, cachedInputCostPerMillion,
                reasoningCostPerMillion, cacheWriteCostPerMillion, cacheWrite1hCostPerMillion);
    }
}

package dev.switchboard.telemetry.client;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A registry price row, USD per million tokens. {@code status} is {@code active} or {@code pending} (a proposal not in
 * force); rows without one are taken as active.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryPrice(
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion,
        BigDecimal cachedInputCostPerMillion,
        BigDecimal reasoningCostPerMillion,
        Instant effectiveFrom,
        String source,
        String sourceReference,
        String status,
        Instant setAt) {

    public boolean active() {
        return status == null || "active".equals(status);
    }
}

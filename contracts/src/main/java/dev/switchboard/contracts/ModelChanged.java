package dev.switchboard.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A model's whole state after a catalog change, on the compacted topic {@code switchboard.models} keyed by
 * {@code provider/modelId}; the latest record per key is the model as the registry holds it, and a tombstone (null
 * value) means it was deleted. {@code change} says what happened: {@code created}, {@code updated}, {@code price},
 * {@code retired}, {@code restored} or {@code snapshot} (re-published at registry start).
 * <p>
 * A fact the registry does not know is null, never a placeholder: {@code contextWindow}, {@code maxOutputTokens},
 * {@code latencyTier} and {@code qualityTier} may be null. {@code capabilities} lists what the model is known to do;
 * when {@code capabilitiesKnown} is false the list may be incomplete, so a capability missing from it is unknown rather
 * than absent. A record without {@code capabilitiesKnown} (written before it existed) means true.
 */
public record ModelChanged(
        String id,
        String provider,
        String modelId,
        String change,
        Instant changedAt,
        String displayName,
        List<String> capabilities,
        Boolean capabilitiesKnown,
        Integer contextWindow,
        Integer maxOutputTokens,
        String latencyTier,
        String qualityTier,
        boolean openWeights,
        boolean local,
        boolean available,
        boolean deprecated,
        LocalDate sunsetDate,
        Price price) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String PRICE = "price";
    public static final String RETIRED = "retired";
    public static final String RESTORED = "restored";
    public static final String SNAPSHOT = "snapshot";

    /**
     * The price in force, USD per million tokens; null on the model when it has no known price. A kind left null costs
     * as another: cached input and cache writes as input, the 1-hour cache write as the 5-minute one, reasoning as
     * output.
     */
    public record Price(
            BigDecimal inputCostPerMillion,
            BigDecimal outputCostPerMillion,
            BigDecimal cachedInputCostPerMillion,
            BigDecimal reasoningCostPerMillion,
            BigDecimal cacheWriteCostPerMillion,
            BigDecimal cacheWrite1hCostPerMillion,
            Instant effectiveFrom) {
    }
}

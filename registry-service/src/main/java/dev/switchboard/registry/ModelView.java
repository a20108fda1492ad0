package dev.switchboard.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model as the API shows it. {@code id} is the name clients route with, {@code provider/modelId}; {@code price} is
 * the one in force now (null when unpriced, and then {@code priceKnown} is false); {@code blendedCostPerMillion} mixes
 * input and output 3:1. {@code pendingPrice} and {@code priceHistory} are filled only for a single model. Unknown facts
 * are null ({@code contextWindow}, {@code maxOutputTokens}, the tiers); {@code capabilitiesKnown} false means the
 * capabilities listed are the ones known, and others may be there too. {@code listed} says the catalog lists the model
 * (discovery found it, or the seed catalog or an operator added it); {@code available} that it can be served now: listed,
 * and its provider served by an adapter that can call it. {@code factsSource} and {@code factsFetchedAt} name the synced
 * catalog that filled in a discovered model's facts, and when it was read.
 */
public record ModelView(
        String id,
        String provider,
        String modelId,
        String displayName,
        String description,
        List<String> capabilities,
        boolean capabilitiesKnown,
        Integer contextWindow,
        Integer maxOutputTokens,
        String latencyTier,
        String qualityTier,
        boolean openWeights,
        boolean local,
        boolean listed,
        boolean available,
        boolean deprecated,
        LocalDate sunsetDate,
        String origin,
        @JsonInclude(JsonInclude.Include.NON_NULL) String factsSource,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant factsFetchedAt,
        boolean priceKnown,
        BigDecimal blendedCostPerMillion,
        PriceView price,
        @JsonInclude(JsonInclude.Include.NON_NULL) PriceView pendingPrice,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PriceView> priceHistory) {
}

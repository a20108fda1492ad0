package dev.switchboard.registry;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model as the API shows it. {@code id} is the name clients route with, {@code provider/modelId}; {@code price} is
 * the one in force now (null when unpriced), and {@code priceHistory} is filled only for a single model.
 */
public record ModelView(
        String id,
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
        boolean local,
        boolean available,
        boolean deprecated,
        LocalDate sunsetDate,
        PriceView price,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PriceView> priceHistory) {
}

package dev.switchboard.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /models} and {@code PUT /models/{provider}/{modelId}}. On PUT the path names the model and
 * the body replaces its description whole; {@code provider} and {@code modelId} may be left out there. {@code price}
 * is optional and only read on POST.
 */
public record ModelWrite(
        String provider,
        String modelId,
        String displayName,
        String description,
        List<String> capabilities,
        Integer contextWindow,
        Integer maxOutputTokens,
        String latencyTier,
        String qualityTier,
        Boolean openWeights,
        Boolean available,
        Boolean deprecated,
        LocalDate sunsetDate,
        PriceWrite price) {
}

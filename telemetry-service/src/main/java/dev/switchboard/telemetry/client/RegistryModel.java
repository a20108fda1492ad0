package dev.switchboard.telemetry.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A model as the registry shows it, as far as telemetry reads it; {@code priceHistory} only on a single model. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryModel(
        String id,
        String provider,
        String modelId,
        String qualityTier,
        List<String> capabilities,
        boolean available,
        boolean deprecated,
        RegistryPrice price,
        List<RegistryPrice> priceHistory) {
}

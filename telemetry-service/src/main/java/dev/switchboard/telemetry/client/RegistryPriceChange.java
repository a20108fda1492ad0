package dev.switchboard.telemetry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A price row the registry set, with its model, as {@code GET /prices?since=} lists them oldest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryPriceChange(String id, String provider, String modelId, RegistryPrice price) {
}

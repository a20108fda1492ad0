package dev.switchboard.telemetry.client;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A synced price that differs from the price in force, as the registry's catalog sync found it: both price rows, with
 * their {@code source} and {@code sourceReference}. {@code resolution} is {@code applied}, {@code pending} or
 * {@code accepted}; {@code model} is {@code provider/modelId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryDrift(
        String model,
        String provider,
        String modelId,
        String resolution,
        Instant detectedAt,
        Instant lastSeenAt,
        RegistryPrice inForce,
        RegistryPrice synced) {
}

package dev.switchboard.registry.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;

/**
 * Fetches per-model statistics from telemetry. Telemetry is optional to the registry: when it is slow, down or its
 * circuit is open, the answer is empty and rankings fall back to the catalog's tiers.
 */
@ApplicationScoped
public class TelemetryClient {

    private final TelemetryApi api;

    public TelemetryClient(@RestClient TelemetryApi api) {
        this.api = api;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<List<ModelStats>> stats(int hours) {
        TelemetryApi.Window window = api.stats(hours * 60);
        return Optional.of(window == null || window.models() == null ? List.of() : window.models());
    }

    Optional<List<ModelStats>> unavailable(int hours) {
        Log.debug("Telemetry statistics are unavailable; ranking falls back to tiers");
        return Optional.empty();
    }
}

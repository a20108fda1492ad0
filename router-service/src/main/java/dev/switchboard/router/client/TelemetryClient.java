package dev.switchboard.router.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Reads the last hour's latency and success figures from telemetry, with a timeout and a circuit breaker. */
@ApplicationScoped
public class TelemetryClient {

    private final TelemetryApi api;

    public TelemetryClient(@RestClient TelemetryApi api) {
        this.api = api;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public List<TelemetryApi.ModelLatency> lastHour() {
        TelemetryApi.Latency latency = api.latency(60);
        return latency.models() == null ? List.of() : latency.models();
    }
}

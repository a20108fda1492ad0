package dev.switchboard.router.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.client.TelemetryApi.ModelLatency;
import dev.switchboard.router.client.TelemetryClient;

/**
 * Recent measured latency per model, from telemetry, held in memory and refreshed in the background. Where there is
 * too little data, the registry's latency tier stands in.
 */
@Singleton
public class TelemetryStats {

    /** Answers, not attempts: expired and cancelled attempts say nothing about how fast the model answers. */
    private static final int MIN_SUCCESSES = 5;

    private final TelemetryClient telemetry;
    private volatile Map<String, ModelLatency> byModel = Map.of();

    public TelemetryStats(TelemetryClient telemetry) {
        this.telemetry = telemetry;
    }

    @Scheduled(every = "${switchboard.router.stats-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            byModel = telemetry.lastHour().stream().collect(Collectors.toUnmodifiableMap(
                    stats -> stats.provider() + "/" + stats.model(), Function.identity(), (first, second) -> first));
        } catch (RuntimeException e) {
            Log.debugf("Telemetry unreachable, keeping the last known statistics: %s", e.getMessage());
        }
    }

    /** The model's measured p50 latency when telemetry has enough data, else a prior from its latency tier. */
    public double expectedLatencyMs(CatalogModel model) {
        ModelLatency measured = byModel.get(model.id());
        if (measured != null && measured.successes() >= MIN_SUCCESSES && measured.latencyP50Ms() != null) {
            return measured.latencyP50Ms();
        }
        return switch (model.latencyRank()) {
            case 1 -> 800;
            case 2 -> 2_000;
            case 3 -> 6_000;
            default -> 4_000;
        };
    }
}

package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.client.ModelStats;
import dev.switchboard.registry.client.TelemetryClient;
import dev.switchboard.registry.config.RegistryConfig;

/** The measured statistics by {@code provider/model}, fetched at most once per cache period, empty when unavailable. */
@ApplicationScoped
public class TelemetryStats {

    private final TelemetryClient client;
    private final RegistryConfig.Telemetry config;
    private volatile Snapshot snapshot;

    public TelemetryStats(TelemetryClient client, RegistryConfig config) {
        this.client = client;
        this.config = config.telemetry();
    }

    /** The statistics, and whether telemetry answered at all. */
    public Snapshot current() {
        Snapshot cached = snapshot;
        if (cached == null || cached.fetchedAt().plus(config.cacheTtl()).isBefore(Instant.now())) {
            Optional<List<ModelStats>> stats = client.stats(config.hours());
            cached = new Snapshot(stats.isPresent(),
                    stats.orElse(List.of()).stream()
                            .collect(Collectors.toMap(ModelStats::key, Function.identity(), (a, b) -> a)),
                    Instant.now());
            snapshot = cached;
        }
        return cached;
    }

    /** Drops the cached statistics, so the next ranking asks telemetry again. */
    public void invalidate() {
        snapshot = null;
    }

    /** Statistics fetched at one time; {@code answered} is false when telemetry could not be asked. */
    public record Snapshot(boolean answered, Map<String, ModelStats> byModel, Instant fetchedAt) {
    }
}

package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /telemetry/latency}: the rollups from {@code since}, per provider and model. */
public record LatencySummary(Instant since, int minutes, List<ModelLatency> models) {
}

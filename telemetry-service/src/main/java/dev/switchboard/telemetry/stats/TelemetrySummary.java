package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /telemetry}: per provider and model statistics since a point in time. */
public record TelemetrySummary(Instant since, int hours, List<ModelStats> models) {
}

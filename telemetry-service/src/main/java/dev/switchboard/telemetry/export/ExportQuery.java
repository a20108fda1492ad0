package dev.switchboard.telemetry.export;

import java.time.Instant;

/** What an export covers: a time range (from inclusive, to exclusive), optional provider and model, and its rows. */
public record ExportQuery(Instant from, Instant to, String provider, String model, Granularity granularity) {
}

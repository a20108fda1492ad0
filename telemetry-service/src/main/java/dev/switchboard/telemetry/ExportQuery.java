package dev.switchboard.telemetry;

import java.time.Instant;

/** What an export covers: a time range (from inclusive, to exclusive) and optional provider and model. */
public record ExportQuery(Instant from, Instant to, String provider, String model) {
}

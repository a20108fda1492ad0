package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /telemetry/history}: one point per bucket from {@code from} to {@code to}, gaps as zeros. */
public record History(String bucket, Instant from, Instant to, String provider, String model, List<HistoryPoint> points) {
}

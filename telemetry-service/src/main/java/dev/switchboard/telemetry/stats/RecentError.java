package dev.switchboard.telemetry.stats;

import java.time.Instant;

/** A failed or expired attempt, as listed under a model's statistics. */
public record RecentError(Instant time, String requestId, int attempt, String outcome, String errorClass, String message) {
}

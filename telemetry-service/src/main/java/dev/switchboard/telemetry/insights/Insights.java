package dev.switchboard.telemetry.insights;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /telemetry/insights}; {@code notes} say what could not be looked at, and why. */
public record Insights(Instant generatedAt, int hours, List<Insight> insights, List<String> notes) {
}

package dev.switchboard.telemetry.insights;

import java.util.Map;

import dev.switchboard.telemetry.Severity;

/**
 * One recommendation drawn from the data. {@code kind} is {@code latency-regression}, {@code error-rate-rising},
 * {@code cheaper-model}, {@code unpriced-model}, {@code enable-caching} or {@code price-drift}; {@code numbers} are the
 * figures behind it.
 */
public record Insight(
        String kind,
        Severity severity,
        String provider,
        String model,
        String title,
        String recommendation,
        Map<String, Object> numbers) {
}

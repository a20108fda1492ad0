package dev.switchboard.telemetry.alerts;

import java.math.BigDecimal;
import java.time.Duration;

import dev.switchboard.telemetry.Severity;

/** A configured alert rule, checked at start-up; {@code provider} and {@code budgetUsd} may be null. */
public record AlertRule(
        String name,
        AlertKind kind,
        Double threshold,
        Duration window,
        int minRequests,
        Severity severity,
        String provider,
        BigDecimal budgetUsd) {
}

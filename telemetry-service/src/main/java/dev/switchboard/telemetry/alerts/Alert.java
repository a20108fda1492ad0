package dev.switchboard.telemetry.alerts;

import java.time.Instant;

import dev.switchboard.telemetry.Severity;

/**
 * One firing of a rule for one scope ({@code provider/model}, a provider, or {@code all}); it stays {@code firing} until
 * the condition clears, then it is {@code resolved}. {@code value} is what fired it, {@code resolvedValue} what it was at
 * resolution (null when there was no traffic left to measure).
 */
public record Alert(
        long id,
        String rule,
        AlertKind kind,
        Severity severity,
        String status,
        String scope,
        String provider,
        String model,
        String message,
        Double value,
        Double threshold,
        Instant firedAt,
        Instant resolvedAt,
        Double resolvedValue,
        String resolvedMessage) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public boolean firing() {
        return FIRING.equals(status);
    }
}

package dev.switchboard.telemetry.alerts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of alert rule. */
public enum AlertKind {
    /** Failed attempts over X percent of a model's attempts in the window. */
    ERROR_RATE,
    /** A model's p95 latency over Y milliseconds in the window. */
    LATENCY_P95,
    /** A provider with attempts but no success in the window. */
    PROVIDER_DOWN,
    /** Cost over Z USD in the window (an hour, a day). */
    SPEND,
    /** At the window's spending rate, the monthly budget runs out in fewer than D days, before the month ends. */
    BUDGET_BURN,
    /** A managed key or team has spent X percent of its budget in the current budget period. */
    KEY_BUDGET;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AlertKind of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

package dev.switchboard.telemetry.export;

import java.util.Locale;

/** The rows of an export: one per attempt, or sums per hour or per UTC day. */
public enum Granularity {
    REQUEST,
    HOUR,
    DAY;

    public static Granularity parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package dev.switchboard.telemetry;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent an alert or insight is, least first. */
public enum Severity {
    INFO,
    WARNING,
    HIGH,
    CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}

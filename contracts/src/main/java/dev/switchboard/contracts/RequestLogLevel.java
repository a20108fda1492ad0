package dev.switchboard.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the request log keeps of a call: nothing ({@code off}: its attempts still count in usage), its metadata (the
 * default: no bodies), or also its request and answer bodies ({@code full}).
 */
public enum RequestLogLevel {
    @JsonProperty("off")
    OFF,
    @JsonProperty("metadata")
    METADATA,
    @JsonProperty("full")
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level a {@link MessageHeaders#REQUEST_LOG} header names; absent or unknown, {@code metadata}. */
    public static RequestLogLevel fromHeader(String value) {
        if (value == null) {
            return METADATA;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "full" -> FULL;
            default -> METADATA;
        };
    }
}

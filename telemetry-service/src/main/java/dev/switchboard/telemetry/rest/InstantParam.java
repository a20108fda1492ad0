package dev.switchboard.telemetry.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.switchboard.api.ApiException;

/** Reads an ISO-8601 instant query parameter, or answers a 400 naming it. */
public final class InstantParam {

    /** Four-digit years, well inside what the database's timestamps hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantParam() {
    }

    public static Instant parse(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, name + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z", name, null);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ApiException(400, name + " must be between " + EARLIEST + " and " + LATEST, name, null);
        }
        return instant;
    }
}

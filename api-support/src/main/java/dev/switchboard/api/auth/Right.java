package dev.switchboard.api.auth;

import java.util.Locale;

/** What a key may do: call the models, read operational data, or change the system. */
public enum Right {

    /** Call the gateway's {@code /v1} API. */
    CALLER,
    /** Read statistics, history, alerts and exports, and the services' own listings: every read-only operation. */
    OPS,
    /** Change the catalog, reset telemetry, manage keys; an admin key may also do everything {@link #OPS} may. */
    ADMIN;

    /** The name used in configuration and in error messages: {@code caller}, {@code ops}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

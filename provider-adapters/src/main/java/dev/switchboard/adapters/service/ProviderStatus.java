package dev.switchboard.adapters.service;

import java.time.Instant;

/** What this adapter knows of one enabled provider: whether it can be called, and how its last check went. */
public record ProviderStatus(String provider, String state, String reason, Instant checkedAt, Integer models) {

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String DISABLED = "disabled";
}

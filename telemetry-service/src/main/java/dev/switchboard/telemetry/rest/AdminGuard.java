package dev.switchboard.telemetry.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.api.ApiException;
import dev.switchboard.telemetry.config.TelemetryConfig;

/** Admits a request only with {@code Authorization: Bearer <admin key>}; with no key configured, admits none. */
@ApplicationScoped
public class AdminGuard {

    private static final String BEARER = "Bearer ";

    private final Optional<String> adminKey;

    @Inject
    public AdminGuard(TelemetryConfig config) {
        this(config.adminKey());
    }

    AdminGuard(Optional<String> adminKey) {
        this.adminKey = adminKey.map(String::trim).filter(key -> !key.isEmpty());
    }

    public void check(String authorization) {
        if (adminKey.isEmpty()) {
            throw new ApiException(403, "admin routes are disabled: no admin key is configured (SWITCHBOARD_ADMIN_KEY)",
                    null, "admin_disabled");
        }
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new ApiException(401, "this route needs Authorization: Bearer <admin key>", null, "invalid_api_key");
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, adminKey.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "the admin key is wrong", null, "invalid_api_key");
        }
    }
}

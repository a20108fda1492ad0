package dev.switchboard.registry.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.ApiError;
import dev.switchboard.registry.config.RegistryConfig;

/**
 * Lets an admin write through only with the configured admin key as a bearer token, compared in constant time. With no
 * key configured every admin write is refused: the registry is never open by default.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    /** Read lazily: JAX-RS providers are built before the runtime configuration is. */
    private final Instance<RegistryConfig> config;
    private volatile Optional<byte[]> key;

    public AdminKeyFilter(Instance<RegistryConfig> config) {
        this.config = config;
    }

    void warnWhenOpen(@Observes StartupEvent event) {
        if (key().isEmpty()) {
            Log.warn("No admin key is configured (SWITCHBOARD_ADMIN_KEY): every admin write is refused with 403");
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Response refusal = refusal(key(), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    private Optional<byte[]> key() {
        if (key == null) {
            key = config.get().adminKey().map(String::trim).filter(k -> !k.isEmpty())
                    .map(k -> k.getBytes(StandardCharsets.UTF_8));
        }
        return key;
    }

    /** Null when the header carries the key; otherwise the answer to give. */
    static Response refusal(Optional<byte[]> key, String authorization) {
        if (key.isEmpty()) {
            return error(403, "admin writes are disabled: no admin key is configured (set SWITCHBOARD_ADMIN_KEY)",
                    "admin_key_not_configured");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(401, "this is an admin write: send the admin key as 'Authorization: Bearer <key>'",
                    "invalid_api_key");
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, key.get()) ? null
                : error(401, "incorrect admin key provided", "invalid_api_key");
    }

    private static Response error(int status, String message, String code) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(message, ApiError.typeFor(status), null, code));
        return status == 401 ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build() : response.build();
    }
}

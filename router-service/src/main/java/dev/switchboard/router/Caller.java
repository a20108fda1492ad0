package dev.switchboard.router;

import io.vertx.ext.web.RoutingContext;

import dev.switchboard.api.auth.KeyPrincipal;

/**
 * Who a call comes from, as the authentication established it; it travels with the call through the pipeline.
 *
 * @param keyId the public id of the API key the call was authenticated with: a short hash, never the key
 * @param principal the key's principal (name, team, rights), for what a key may be limited to
 */
public record Caller(String keyId, KeyPrincipal principal) {

    /** The caller of a call to {@code /v1}, which the authentication filter let through with a caller key. */
    public static Caller of(RoutingContext routing) {
        KeyPrincipal principal = KeyPrincipal.of(routing);
        return new Caller(principal.keyId(), principal);
    }
}

package dev.switchboard.api.auth;

import java.util.Set;

import io.vertx.ext.web.RoutingContext;

/**
 * Who a call was authenticated as: the key's public id (never the key), a name for people, the team it belongs to (null
 * when none) and its rights.
 */
public record KeyPrincipal(String keyId, String name, String team, Set<Right> rights) {

    private static final String ATTRIBUTE = KeyPrincipal.class.getName();

    public KeyPrincipal {
        rights = Set.copyOf(rights);
    }

    public boolean has(Right right) {
        return rights.contains(right) || right == Right.OPS && rights.contains(Right.ADMIN);
    }

    /** The principal the call was authenticated as, or null on a route that needs no key. */
    public static KeyPrincipal of(RoutingContext routing) {
        return routing.get(ATTRIBUTE);
    }

    void attachTo(RoutingContext routing) {
        routing.put(ATTRIBUTE, this);
    }
}

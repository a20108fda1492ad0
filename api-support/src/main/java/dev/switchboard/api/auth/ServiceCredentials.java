package dev.switchboard.api.auth;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The credential a service sends when it calls another one: the operations key as a bearer token. A REST client
 * interface sends it with
 * {@code @ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required
 * = false)}.
 */
public final class ServiceCredentials {

    private ServiceCredentials() {
    }

    /** {@code Bearer <ops key>}, or null (no header) when no operations key is configured. */
    public static String opsBearer() {
        return ConfigProvider.getConfig().getOptionalValue("switchboard.auth.ops-key", String.class)
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(key -> "Bearer " + key)
                .orElse(null);
    }
}

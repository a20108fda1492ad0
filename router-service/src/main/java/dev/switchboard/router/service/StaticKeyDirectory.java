package dev.switchboard.router.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;

import dev.switchboard.api.auth.KeyDigest;
import dev.switchboard.api.auth.KeyDirectory;
import dev.switchboard.api.auth.KeyPrincipal;
import dev.switchboard.api.auth.Right;
import dev.switchboard.router.config.RouterConfig;

/**
 * The caller keys of {@code switchboard.router.api-keys} ({@code SWITCHBOARD_API_KEY}): unlimited keys with no team,
 * each known by the public id of its digest.
 */
@Singleton
public class StaticKeyDirectory implements KeyDirectory {

    private final List<Entry> keys;

    public StaticKeyDirectory(RouterConfig config) {
        this.keys = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .distinct()
                .map(KeyDigest::of)
                .map(digest -> new Entry(digest, new KeyPrincipal(digest.publicId(), "SWITCHBOARD_API_KEY", null,
                        Set.of(Right.CALLER))))
                .toList();
        if (keys.isEmpty()) {
            Log.warn("No API key is configured (SWITCHBOARD_API_KEY): every call to /v1 is refused with 401");
        }
    }

    @Override
    public Optional<KeyPrincipal> resolve(KeyDigest presented) {
        KeyPrincipal found = null;
        for (Entry key : keys) {
            // Every entry is compared, so the time taken does not say which key, if any, matched.
            if (key.digest().matches(presented) && found == null) {
                found = key.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private record Entry(KeyDigest digest, KeyPrincipal principal) {
    }
}

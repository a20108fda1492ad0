package dev.switchboard.router.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.switchboard.api.auth.KeyDigest;
import dev.switchboard.api.auth.KeyDirectory;
import dev.switchboard.api.auth.KeyPrincipal;
import dev.switchboard.api.auth.Right;
import dev.switchboard.contracts.KeyState;

/**
 * The managed keys, as the router's caller keys beside the static ones: a key is found by its digest among those the
 * registry published, and works while it is neither revoked nor expired. An unknown, revoked or expired key is refused
 * by the one authentication filter with 401 {@code invalid_api_key}.
 */
@Singleton
public class ManagedKeyDirectory implements KeyDirectory {

    private final KeyBook keys;

    public ManagedKeyDirectory(KeyBook keys) {
        this.keys = keys;
    }

    @Override
    public Optional<KeyPrincipal> resolve(KeyDigest presented) {
        String digest = presented.hex();
        Optional<KeyState> found = keys.byDigest(digest);
        if (found.isEmpty() || !MessageDigest.isEqual(found.get().secretSha256().getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        KeyState key = found.get();
        if (!key.usableAt(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new KeyPrincipal(key.id(), key.name(), key.team() == null ? null : key.team().id(),
                Set.of(Right.CALLER)));
    }
}

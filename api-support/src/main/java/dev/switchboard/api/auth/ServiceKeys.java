package dev.switchboard.api.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/** The admin and operations keys, which every service accepts. */
@ApplicationScoped
public class ServiceKeys implements KeyDirectory {

    private final List<Entry> keys = new ArrayList<>();

    public ServiceKeys(AuthConfig config) {
        config.adminKey().map(String::trim).filter(key -> !key.isEmpty())
                .ifPresentOrElse(key -> keys.add(entry(key, "admin", Right.ADMIN, Right.OPS)),
                        () -> Log.info("No admin key is configured (SWITCHBOARD_ADMIN_KEY): admin routes refuse every call"));
        config.opsKey().map(String::trim).filter(key -> !key.isEmpty())
                .ifPresent(key -> keys.add(entry(key, "ops", Right.OPS)));
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

    private static Entry entry(String key, String name, Right... rights) {
        KeyDigest digest = KeyDigest.of(key);
        return new Entry(digest, new KeyPrincipal(digest.publicId(), name, null, Set.of(rights)));
    }

    private record Entry(KeyDigest digest, KeyPrincipal principal) {
    }
}

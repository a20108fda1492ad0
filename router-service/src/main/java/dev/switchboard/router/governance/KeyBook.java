package dev.switchboard.router.governance;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.router.messaging.KeyRecord;

/**
 * Every managed key as the registry last published it on {@code switchboard.keys}, in memory: authenticating a call
 * and reading its limits never leaves the process. A key is found by the SHA-256 of its secret, then by its id.
 */
@Singleton
public class KeyBook {

    private final Map<String, KeyState> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByDigest = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private volatile boolean loaded;

    public KeyBook(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void onRecord(@Observes KeyRecord record) {
        if (record.caughtUp()) {
            markLoaded();
            Log.infof("%d managed keys read from switchboard.keys", size());
            return;
        }
        try {
            apply(record.keyId(), record.state() == null ? null : mapper.readValue(record.state(), KeyState.class));
        } catch (Exception e) {
            Log.errorf("Unreadable state of key %s on switchboard.keys: %s", record.keyId(), e.getMessage());
        }
    }

    /** Takes a key's new state; a null state (a tombstone) forgets the key. */
    public void apply(String keyId, KeyState state) {
        KeyState previous = state == null ? byId.remove(keyId) : byId.put(keyId, state);
        if (previous != null && (state == null || !previous.secretSha256().equals(state.secretSha256()))) {
            idByDigest.remove(previous.secretSha256(), keyId);
        }
        if (state != null) {
            idByDigest.put(state.secretSha256(), keyId);
        }
    }

    /** The key whose secret has this SHA-256 (lower-case hex), revoked and expired ones included. */
    public Optional<KeyState> byDigest(String sha256Hex) {
        String id = idByDigest.get(sha256Hex);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Optional<KeyState> byId(String keyId) {
        return keyId == null ? Optional.empty() : Optional.ofNullable(byId.get(keyId));
    }

    /** Marks the topic as read up to where it ended at start: from then on, a key not here does not exist. */
    public void markLoaded() {
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public int size() {
        return byId.size();
    }
}

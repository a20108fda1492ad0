package dev.switchboard.registry.governance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.registry.governance.ApiKey;

/** Publishes every key again at start: the compacted topic may have lost its data (the local broker keeps none). */
@ApplicationScoped
public class KeySnapshot {

    private final KeyEvents events;

    public KeySnapshot(KeyEvents events) {
        this.events = events;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        var keys = ApiKey.<ApiKey> listAll();
        keys.forEach(key -> events.changed(key, KeyState.SNAPSHOT));
        Log.infof("Published %d keys on switchboard.keys", keys.size());
    }
}

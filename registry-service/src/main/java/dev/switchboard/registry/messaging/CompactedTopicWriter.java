package dev.switchboard.registry.messaging;

import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Writes the latest state of one entity to a compacted topic, keyed by the entity's id; a null state is a tombstone.
 * A failed send is logged and never fails the change itself: the database stays the source of truth, and every entity
 * is published again at the next start.
 */
public final class CompactedTopicWriter {

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper mapper;

    public CompactedTopicWriter(Emitter<Record<String, String>> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Sends the state; {@code what} names the entity in the warning a failed send logs. */
    public void publish(String key, Object state, String what) {
        try {
            String value = state == null ? null : mapper.writeValueAsString(state);
            emitter.send(Record.of(key, value)).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    Log.warnf("Could not publish the change of %s: %s", what, failure.getMessage());
                }
            });
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Could not publish the change of %s: %s", what, e.getMessage());
        }
    }
}

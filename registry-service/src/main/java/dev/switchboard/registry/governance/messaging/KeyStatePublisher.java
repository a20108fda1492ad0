package dev.switchboard.registry.governance.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.switchboard.registry.governance.KeyChange;

/**
 * Publishes committed key changes to the compacted topic {@code switchboard.keys}, keyed by key id, which every router
 * replica reads. A failed send is logged and does not undo the change: the database is the source of truth, and every
 * key is published again at the next start.
 */
@ApplicationScoped
public class KeyStatePublisher {

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper mapper;

    public KeyStatePublisher(
            @Channel("keys") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<Record<String, String>> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyChange change) {
        try {
            emitter.send(Record.of(change.keyId(), mapper.writeValueAsString(change.state())))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            Log.warnf("Could not publish the change of key %s: %s", change.keyId(), failure.getMessage());
                        }
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Could not publish the change of key %s: %s", change.keyId(), e.getMessage());
        }
    }
}

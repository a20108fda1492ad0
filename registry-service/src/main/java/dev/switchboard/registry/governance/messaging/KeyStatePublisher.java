package dev.switchboard.registry.governance.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.Record;

import dev.switchboard.registry.governance.KeyChange;
import dev.switchboard.registry.messaging.CompactedTopicWriter;

/**
 * Publishes committed key changes to the compacted topic {@code switchboard.keys}, keyed by key id, which every router
 * replica reads.
 */
@ApplicationScoped
public class KeyStatePublisher {

    private final CompactedTopicWriter topic;

    public KeyStatePublisher(
            @Channel("keys") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<Record<String, String>> emitter,
            ObjectMapper mapper) {
        this.topic = new CompactedTopicWriter(emitter, mapper);
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyChange change) {
        topic.publish(change.keyId(), change.state(), "key " + change.keyId());
    }
}

package dev.switchboard.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.Record;

import dev.switchboard.registry.CatalogChange;

/**
 * Publishes committed catalog changes to the compacted topic {@code switchboard.models}, keyed by
 * {@code provider/modelId}; a deletion is a tombstone.
 */
@ApplicationScoped
public class ModelChangePublisher {

    private final CompactedTopicWriter topic;

    public ModelChangePublisher(
            @Channel("models") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<Record<String, String>> emitter,
            ObjectMapper mapper) {
        this.topic = new CompactedTopicWriter(emitter, mapper);
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChange change) {
        topic.publish(change.key(), change.value(), change.key());
    }
}

package dev.switchboard.registry.messaging;

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

import dev.switchboard.registry.CatalogChange;

/**
 * Publishes committed catalog changes to the compacted topic {@code switchboard.models}, keyed by
 * {@code provider/modelId}; a deletion is a tombstone. A failed send is logged, never fails the change itself: the
 * database stays the source of truth, and every model is published again at the next start.
 */
@ApplicationScoped
public class ModelChangePublisher {

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper mapper;

    public ModelChangePublisher(
            @Channel("models") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<Record<String, String>> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChange change) {
        try {
            String value = change.value() == null ? null : mapper.writeValueAsString(change.value());
            emitter.send(Record.of(change.key(), value)).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    Log.warnf("Could not publish the change of %s: %s", change.key(), failure.getMessage());
                }
            });
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Could not publish the change of %s: %s", change.key(), e.getMessage());
        }
    }
}

package dev.switchboard.adapters.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.api.tracing.TraceHeaders;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.UsageEvent;

/**
 * Sends usage events to {@code switchboard.usage}, keyed by request id, with the managed key they spend from in a header
 * ({@link MessageHeaders#API_KEY_ID}).
 */
@Singleton
public class UsagePublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;

    public UsagePublisher(@Channel("usage") MutinyEmitter<byte[]> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /**
     * Completes when the broker has the event, which carries the trace context it belongs to; a failure is logged and
     * does not fail the request it describes.
     */
    public CompletionStage<Void> publish(UsageEvent event, TraceHeaders trace) {
        byte[] payload;
        try {
            payload = mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            Log.errorf("Usage event %s could not be written as JSON: %s", event.requestId(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Headers headers = new RecordHeaders();
        trace.addTo(headers);
        headers.add(MessageHeaders.API_KEY_ID, MessageHeaders.apiKeyId(event));
        Message<byte[]> message = Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(event.requestId())
                .withHeaders(headers)
                .build());
        return emitter.sendMessage(message)
                .onFailure().invoke(failure -> Log.errorf("Usage event %s was not sent: %s", event.requestId(),
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage();
    }
}

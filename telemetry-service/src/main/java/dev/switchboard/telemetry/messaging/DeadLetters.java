package dev.switchboard.telemetry.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.telemetry.metrics.UsageMetrics;

/**
 * Sends a usage record that can never be stored to {@code switchboard.usage.dlq}, with its key and the reason in the
 * {@code dead-letter-reason} header, and waits until the broker has it, so the record's offset is committed only then.
 */
@ApplicationScoped
public class DeadLetters {

    static final String REASON = "dead-letter-reason";

    private final MutinyEmitter<String> emitter;
    private final UsageMetrics metrics;

    public DeadLetters(@Channel("usage-dead-letters") MutinyEmitter<String> emitter, UsageMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build()));
        metrics.deadLettered();
    }
}

package dev.switchboard.telemetry.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;
import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.InvalidUsageEvent;
import dev.switchboard.telemetry.ingest.UsageEventReader;
import dev.switchboard.telemetry.ingest.UsageIngestor;

/**
 * Stores the usage events of {@code switchboard.usage} a polled batch at a time, in one transaction per batch. The
 * offsets are committed only after the write; an event that cannot be read or stored goes to
 * {@code switchboard.usage.dlq} with the reason, and the partition moves on. Batches are written concurrently on the
 * {@code usage-writers} pool: storage is idempotent and rollups add up in any order. Each event's storing is a span in
 * the trace of the call it describes.
 */
@ApplicationScoped
public class UsageConsumer {

    private final UsageEventReader reader;
    private final UsageIngestor ingestor;
    private final DeadLetters deadLetters;
    private final UsageTraces traces;

    public UsageConsumer(UsageEventReader reader, UsageIngestor ingestor, DeadLetters deadLetters, UsageTraces traces) {
        this.reader = reader;
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
        this.traces = traces;
    }

    @Incoming("usage")
    @Blocking(value = "usage-writers", ordered = false)
    public void consume(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : batch) {
            try {
                events.add(reader.read(record.value()));
                readable.add(record);
            } catch (InvalidUsageEvent e) {
                deadLetters.send(record, e.getMessage());
            }
        }
        List<Span> spans = traces.storing(readable);
        Map<Integer, String> refused = ingestor.ingestAll(events).refused();
        traces.stored(spans, refused);
        for (Map.Entry<Integer, String> event : refused.entrySet()) {
            deadLetters.send(readable.get(event.getKey()), event.getValue());
        }
    }
}

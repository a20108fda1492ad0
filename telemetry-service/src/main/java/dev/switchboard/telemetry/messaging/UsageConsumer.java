package dev.switchboard.telemetry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.switchboard.telemetry.service.InvalidUsageEvent;
import dev.switchboard.telemetry.service.UsageEventReader;
import dev.switchboard.telemetry.service.UsageIngestor;
import dev.switchboard.telemetry.service.UsageMetrics;

/**
 * Stores each usage event from {@code switchboard.usage}. The offset is committed only after the write; an event that
 * cannot be read or stored goes to {@code switchboard.usage.dlq} with the reason, and the partition moves on. Events
 * are written concurrently on the {@code usage-writers} pool: storage is idempotent and rollups add up in any order.
 */
@ApplicationScoped
public class UsageConsumer {

    private final UsageEventReader reader;
    private final UsageIngestor ingestor;
    private final UsageMetrics metrics;

    public UsageConsumer(UsageEventReader reader, UsageIngestor ingestor, UsageMetrics metrics) {
        this.reader = reader;
        this.ingestor = ingestor;
        this.metrics = metrics;
    }

    @Incoming("usage")
    @Blocking(value = "usage-writers", ordered = false)
    public void consume(String payload) {
        try {
            ingestor.ingest(reader.read(payload));
        } catch (InvalidUsageEvent e) {
            metrics.deadLettered();
            throw e;
        }
    }
}

package dev.switchboard.telemetry.messaging;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.service.UsageRepository;

/**
 * Stores each usage event from {@code switchboard.usage}. The offset is committed only after the write; an event that
 * cannot be read goes to {@code switchboard.usage.dlq} with the reason, and the partition moves on.
 */
@ApplicationScoped
public class UsageConsumer {

    private final ObjectMapper mapper;
    private final UsageRepository repository;
    private final Counter duplicates;

    public UsageConsumer(ObjectMapper mapper, UsageRepository repository, MeterRegistry registry) {
        this.mapper = mapper;
        this.repository = repository;
        this.duplicates = Counter.builder("switchboard.telemetry.usage.duplicates")
                .description("Redelivered usage events that were already stored")
                .register(registry);
    }

    @Incoming("usage")
    @Blocking
    public void consume(String payload) throws SQLException {
        UsageEvent event = parse(payload);
        if (!repository.store(event)) {
            duplicates.increment();
        }
    }

    private UsageEvent parse(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("usage event has no value");
        }
        UsageEvent event;
        try {
            event = mapper.readValue(payload, UsageEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("usage event is not valid JSON for the contract: " + e.getOriginalMessage());
        }
        if (event.requestId() == null || event.requestId().isBlank() || event.provider() == null || event.model() == null
                || event.outcome() == null || event.timestamp() == null || event.attempt() < 1) {
            throw new IllegalArgumentException("usage event lacks requestId, attempt, timestamp, provider, model or outcome");
        }
        return event;
    }
}

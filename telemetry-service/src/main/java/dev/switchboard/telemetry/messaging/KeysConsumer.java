package dev.switchboard.telemetry.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.telemetry.budgets.KeyBook;

/**
 * Reads the managed keys' compacted topic from its start at each start (its partition assigned, with no consumer group
 * and nothing committed), so that {@link KeyBook} knows every key's and team's budget.
 */
@ApplicationScoped
public class KeysConsumer {

    private final KeyBook book;
    private final ObjectMapper mapper;

    public KeysConsumer(KeyBook book, ObjectMapper mapper) {
        this.book = book;
        this.mapper = mapper;
    }

    @Incoming("keys")
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            book.put(record.key(), null);
            return;
        }
        try {
            book.put(record.key(), mapper.readValue(record.value(), KeyState.class));
        } catch (IOException e) {
            // A key telemetry cannot read only goes without budget alerts; the routers enforce it all the same.
            Log.warnf("Key %s on the keys topic is unreadable, so its budget is not watched: %s", record.key(),
                    e.getMessage());
        }
    }
}

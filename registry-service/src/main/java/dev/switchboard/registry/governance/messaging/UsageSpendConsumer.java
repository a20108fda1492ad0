package dev.switchboard.registry.governance.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.switchboard.registry.governance.service.UsageSpend;

/**
 * Reads {@code switchboard.usage} in the registry's own group and counts each batch into the keys' and teams' spend;
 * the events of calls made without a managed key are passed over before the database is asked anything.
 * A database outage is waited out with backoff: spend must never be lost, and nothing waits on this but the books.
 */
@ApplicationScoped
public class UsageSpendConsumer {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final UsageSpend spend;

    public UsageSpendConsumer(UsageSpend spend) {
        this.spend = spend;
    }

    @Incoming("usage-spend")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
        batch.forEach(record -> {
            if (UsageSpend.maySpend(record)) {
                records.add(record);
            }
        });
        if (records.isEmpty()) {
            return;
        }
        long backoff = 200;
        while (true) {
            try {
                spend.count(records);
                return;
            } catch (RuntimeException e) {
                Log.warnf("Could not count %d usage records into spend (retrying in %d ms): %s", records.size(), backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }
}

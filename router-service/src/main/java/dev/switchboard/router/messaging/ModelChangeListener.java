package dev.switchboard.router.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.Topics;
import dev.switchboard.router.service.ModelCatalog;

/**
 * Watches {@code switchboard.models} on a thread of its own and marks the catalog stale on every change the registry
 * announces, so that a new, repriced or retired model is routed by within seconds rather than at the next refresh.
 */
@ApplicationScoped
public class ModelChangeListener {

    private final String bootstrapServers;
    private final ModelCatalog catalog;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public ModelChangeListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ModelCatalog catalog) {
        this.bootstrapServers = bootstrapServers;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(KafkaSettings.modelChangesConsumer(bootstrapServers), new StringDeserializer(),
                new ByteArrayDeserializer());
        thread = new Thread(this::run, "switchboard-model-changes");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODELS, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            // What came before is in the catalog the router fetches at start.
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (true) {
                if (!consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
                    catalog.markStale();
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (RuntimeException e) {
            Log.warnf("Not watching %s any more (%s); the catalog is refreshed at its own pace", Topics.MODELS,
                    e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }
}

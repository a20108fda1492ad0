package dev.switchboard.registry.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.AnnouncedAdapters;
import dev.switchboard.contracts.Topics;
import dev.switchboard.registry.config.RegistryConfig;

/**
 * Which providers an adapter serves now, read from {@code switchboard.adapters} on a thread of its own: every
 * partition by assignment, from the start of the compacted topic, so each replica holds the whole view. Until it has
 * read what the topic held at start, and while it is off by configuration, every provider counts as served: the
 * registry never calls a model unavailable on a guess. While it cannot reach the broker, the announcements it holds do
 * not age, as in the router: a silent broker is not a silent adapter.
 */
@ApplicationScoped
public class ServedProviders {

    /** How often, and how long at most, the reader checks that it can reach {@code switchboard.adapters}. */
    private static final Duration REACH_CHECK = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final boolean enabled;
    private final ObjectMapper mapper;
    private final AnnouncedAdapters adapters = new AnnouncedAdapters();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean caughtUp;

    public ServedProviders(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, RegistryConfig config,
            ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.enabled = config.availabilityFollowsAdapters();
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-registry-adapters",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "switchboard-adapters");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the provider's models can be served now, as far as this registry knows. */
    public boolean isServed(String provider) {
        return !enabled || !caughtUp || adapters.isServed(provider);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ADAPTERS, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(Topics.ADAPTERS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long reachedMs = System.currentTimeMillis();
            long nextCheckMs = reachedMs + REACH_CHECK.toMillis();
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
                if (System.currentTimeMillis() >= nextCheckMs) {
                    reachedMs = checkReach(partitions, reachedMs);
                    nextCheckMs = System.currentTimeMillis() + REACH_CHECK.toMillis();
                }
                if (!caughtUp && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp = true;
                    Log.infof("Read the adapters' announcements; model availability follows them");
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (RuntimeException e) {
            Log.errorf(e, "Reading %s stopped; every provider counts as served from now on", Topics.ADAPTERS);
            caughtUp = false;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Asks the broker where the topic ends: an empty poll cannot tell a broker that is away from adapters that are
     * silent. While it does not answer, the announcements stop ageing; once it does, they age again.
     *
     * @return when the broker last answered
     */
    private long checkReach(List<TopicPartition> partitions, long reachedMs) {
        try {
            consumer.endOffsets(partitions, REACH_CHECK);
        } catch (TimeoutException e) {
            adapters.readerStalled(reachedMs);
            return reachedMs;
        }
        adapters.readerReading();
        return System.currentTimeMillis();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        try {
            adapters.accept(record.key(), record.value() == null ? null
                    : mapper.readValue(record.value(), AdapterAnnouncement.class), record.timestamp());
        } catch (Exception e) {
            Log.warnf("Unreadable adapter announcement %s: %s", record.key(), e.getMessage());
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

package dev.switchboard.adapters.messaging;

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

import dev.switchboard.adapters.service.CallsInFlight;
import dev.switchboard.contracts.Heartbeats;
import dev.switchboard.contracts.RouterAnnouncement;
import dev.switchboard.contracts.Topics;

/**
 * Stops the provider calls of router replicas that are gone. Reads {@code switchboard.routers} on a thread of its own
 * (every partition by assignment, from the start of the compacted topic), and once a second cuts off every call in
 * flight whose replica's announcement lapsed or that said goodbye: nobody reads those answers, and a provider stops
 * generating tokens only when its connection closes. A replica this process has not read a word of is left alone (its
 * first announcement may still be on its way), and while the broker cannot be reached, announcements do not age.
 */
@ApplicationScoped
public class RouterWatch {

    /** How often the calls are checked, and how long at most the reader waits to learn that it reaches the broker. */
    static final Duration SWEEP = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final ObjectMapper mapper;
    private final CallsInFlight calls;
    private final Heartbeats<RouterAnnouncement> routers = new Heartbeats<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public RouterWatch(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper mapper,
            CallsInFlight calls) {
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
        this.calls = calls;
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-adapters-routers",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "switchboard-routers");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the replica announced itself and is gone now (lapsed, or said goodbye). */
    public boolean isGone(String replica) {
        return replica != null && routers.isGone(replica);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTERS, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(Topics.ROUTERS, info.partition())).toList();
            if (partitions.isEmpty()) {
                Log.errorf("Topic %s has no partitions: the calls of a router replica that dies run to their deadline",
                        Topics.ROUTERS);
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long reachedMs = System.currentTimeMillis();
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(SWEEP.dividedBy(2))) {
                    accept(record);
                }
                reachedMs = checkReach(partitions, reachedMs);
                int cancelled = calls.cancelOrphans(routers::isGone);
                if (cancelled > 0) {
                    Log.infof("Cancelled %d provider calls whose router replica is gone", cancelled);
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (RuntimeException e) {
            Log.errorf(e, "Reading %s stopped; the calls of a router replica that dies run to their deadline",
                    Topics.ROUTERS);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Asks the broker where the topic ends: an empty poll cannot tell a broker that is away from replicas that are
     * silent. While it does not answer, the announcements stop ageing; once it does, they age again.
     *
     * @return when the broker last answered
     */
    private long checkReach(List<TopicPartition> partitions, long reachedMs) {
        try {
            consumer.endOffsets(partitions, SWEEP);
        } catch (TimeoutException e) {
            routers.readerStalled(reachedMs);
            return reachedMs;
        }
        routers.readerReading();
        return System.currentTimeMillis();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        try {
            RouterAnnouncement announcement = record.value() == null ? null
                    : mapper.readValue(record.value(), RouterAnnouncement.class);
            routers.accept(record.key(), announcement, announcement == null ? 0 : announcement.ttlMs(),
                    record.timestamp());
        } catch (Exception e) {
            Log.warnf("Unreadable router announcement %s: %s", record.key(), e.getMessage());
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

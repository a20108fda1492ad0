package dev.switchboard.router.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.AnnouncementReader;
import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.ServiceJson;
import dev.switchboard.contracts.Topics;
import dev.switchboard.router.config.RouterConfig;

/**
 * Reads this replica's partition of {@code switchboard.replies} on a thread of its own and hands each reply, and each
 * adapter's acknowledgement, to the call waiting for it. Only records whose id is pending here are parsed; the rest are
 * skipped by header. The same consumer watches {@code switchboard.models} and fires {@link CatalogChanged} when the
 * registry announces a change, and reads {@code switchboard.adapters} from its start with the {@link AnnouncementReader}
 * of {@link ServedProviders} before the replica takes calls: a consumer of its own for each would cost the router memory
 * that its budget does not have. It also reads the managed keys of {@code switchboard.keys} from the start, firing a
 * {@link KeyRecord} for each, and one when it has caught up.
 */
@Singleton
public class ReplyListener {

    private final String bootstrapServers;
    private final RouterConfig config;
    private final int httpPort;
    private final PendingReplies pending;
    private final AnnouncementReader<AdapterAnnouncement> announcements;
    private final Event<CatalogChanged> catalogChanged;
    private final Event<KeyRecord> keyRecords;
    private final ObjectReader replies;
    private final ObjectReader acks;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile int partition = -1;
    private volatile boolean polling;

    public ReplyListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, RouterConfig config,
            @ConfigProperty(name = "quarkus.http.port") int httpPort, PendingReplies pending, ServedProviders served,
            Event<CatalogChanged> catalogChanged, Event<KeyRecord> keyRecords, ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.httpPort = httpPort;
        this.pending = pending;
        this.announcements = served.reader();
        this.catalogChanged = catalogChanged;
        this.keyRecords = keyRecords;
        ObjectMapper reading = ServiceJson.reading(mapper);
        this.replies = reading.readerFor(CompletionReply.class);
        this.acks = reading.readerFor(CompletionAck.class);
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(KafkaSettings.replyConsumer(bootstrapServers), new StringDeserializer(),
                new ByteArrayDeserializer());
        thread = new Thread(this::run, "switchboard-replies");
        thread.setDaemon(true);
        thread.start();
    }

    /** The reply partition this replica reads, or -1 before it is assigned. */
    public int partition() {
        return partition;
    }

    public boolean isPolling() {
        return polling;
    }

    private void run() {
        try {
            int partitions = consumer.partitionsFor(Topics.REPLIES, Duration.ofSeconds(60)).size();
            int chosen = config.replyPartition().orElseGet(() -> Math.floorMod(instanceName().hashCode(), partitions));
            if (chosen < 0 || chosen >= partitions) {
                throw new IllegalStateException("switchboard.router.reply-partition " + chosen + " is outside 0.."
                        + (partitions - 1) + " of " + Topics.REPLIES);
            }
            List<TopicPartition> assigned = new ArrayList<>();
            assigned.add(new TopicPartition(Topics.REPLIES, chosen));
            consumer.partitionsFor(Topics.MODELS, Duration.ofSeconds(60))
                    .forEach(info -> assigned.add(new TopicPartition(Topics.MODELS, info.partition())));
            List<TopicPartition> keys = new ArrayList<>();
            consumer.partitionsFor(Topics.KEYS, Duration.ofSeconds(60))
                    .forEach(info -> keys.add(new TopicPartition(Topics.KEYS, info.partition())));
            List<TopicPartition> adapters = announcements.partitions(consumer);
            List<TopicPartition> all = new ArrayList<>(assigned);
            all.addAll(keys);
            all.addAll(adapters);
            consumer.assign(all);
            // Replies and changes from now on: earlier changes are in the catalog the router fetches at start. Managed
            // keys are read from the start: the compacted topic holds every key's latest state. So are the adapters'
            // announcements: the last word of every instance.
            consumer.seekToEnd(assigned);
            assigned.forEach(consumer::position);
            consumer.seekToBeginning(keys);
            Map<TopicPartition, Long> keysEnd = consumer.endOffsets(keys);
            if (adapters.isEmpty()) {
                Log.errorf("Topic %s has no partitions: no provider counts as served", Topics.ADAPTERS);
            } else {
                announcements.seekToStart(consumer);
                catchUp();
            }
            partition = chosen;
            Log.infof("Reading replies from %s partition %d", Topics.REPLIES, chosen);
            while (true) {
                handle(consumer.poll(Duration.ofMillis(500)));
                polling = true;
                announcements.afterPoll(consumer);
                if (keysEnd != null && keysEnd.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end
                        .getValue())) {
                    keysEnd = null;
                    keyRecords.fire(KeyRecord.CAUGHT_UP);
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (RuntimeException e) {
            Log.errorf(e, "The reply listener stopped; this replica is no longer ready");
        } finally {
            polling = false;
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Reads the announcements up to where they ended at start, so the replica knows the adapters before any call. */
    private void catchUp() {
        announcements.afterPoll(consumer);
        while (!announcements.caughtUp()) {
            handle(consumer.poll(Duration.ofMillis(200)));
            announcements.afterPoll(consumer);
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        boolean modelsChanged = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            switch (record.topic()) {
                case Topics.MODELS -> modelsChanged = true;
                case Topics.KEYS -> keyRecords.fire(new KeyRecord(record.key(), record.value()));
                case Topics.ADAPTERS -> announcements.accept(record);
                default -> deliver(record);
            }
        }
        if (modelsChanged) {
            catalogChanged.fire(CatalogChanged.INSTANCE);
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Header id = record.headers().lastHeader(MessageHeaders.REQUEST_ID);
        String requestId = id == null ? record.key() : MessageHeaders.decode(id.value());
        if (requestId == null || !pending.isWaitingFor(requestId)) {
            return;
        }
        Header kind = record.headers().lastHeader(MessageHeaders.KIND);
        try {
            if (kind != null && MessageHeaders.KIND_ACK.equals(MessageHeaders.decode(kind.value()))) {
                pending.acknowledge(acks.readValue(record.value()));
            } else {
                pending.deliver(replies.readValue(record.value()));
            }
        } catch (Exception e) {
            Log.errorf("Unreadable reply for %s: %s", requestId, e.getMessage());
        }
    }

    private String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + httpPort;
        } catch (UnknownHostException e) {
            return "router:" + httpPort;
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

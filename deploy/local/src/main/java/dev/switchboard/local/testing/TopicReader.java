package dev.switchboard.local.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.switchboard.contracts.MessageHeaders;

/** Reads a topic (or one partition of it) from the start, for tests that check what a service sent. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicReader(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    public static TopicReader wholeTopic(String bootstrapServers, String topic) {
        TopicReader reader = new TopicReader(consumer(bootstrapServers));
        reader.consumer.subscribe(List.of(topic));
        return reader;
    }

    public static TopicReader partition(String bootstrapServers, String topic, int partition) {
        TopicReader reader = new TopicReader(consumer(bootstrapServers));
        TopicPartition assigned = new TopicPartition(topic, partition);
        reader.consumer.assign(List.of(assigned));
        reader.consumer.seekToBeginning(List.of(assigned));
        return reader;
    }

    /** Polls until a record matches, and returns it; fails after the timeout. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ConsumerRecord<String, String> record : seen) {
                if (match.test(record)) {
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size() + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Every record that arrives within the window, after those already seen. */
    public List<ConsumerRecord<String, String>> drain(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    public static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return record -> key.equals(record.key());
    }

    /** A reply to the request, not the adapter's acknowledgement that it took it. */
    public static Predicate<ConsumerRecord<String, String>> replyTo(String requestId) {
        return keyed(requestId).and(record -> !isAck(record));
    }

    /** The adapter's acknowledgement that it took the request. */
    public static Predicate<ConsumerRecord<String, String>> ackOf(String requestId) {
        return keyed(requestId).and(TopicReader::isAck);
    }

    private static boolean isAck(ConsumerRecord<String, String> record) {
        var kind = record.headers().lastHeader(MessageHeaders.KIND);
        return kind != null && MessageHeaders.KIND_ACK.equals(MessageHeaders.decode(kind.value()));
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }
}

package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A reader whose thread fails keeps its senders alive meanwhile and reads the topic again on a new consumer. */
class AnnouncementReaderTest {

    private static final String TOPIC = "switchboard.test-beats";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final long TTL_MS = 2_000;

    /** An announcement that holds for its TTL. */
    record Beat(long ttlMs) {
    }

    @Test
    void aFailedReaderLetsNoSenderLapseAndReadsAgain() throws InterruptedException {
        AnnouncementReader<Beat> reader = new AnnouncementReader<>(TOPIC, Beat.class, Beat::ttlMs, new ObjectMapper());
        ConcurrentLinkedQueue<MockConsumer<String, byte[]>> consumers = new ConcurrentLinkedQueue<>(List.of(
                consumerWithBeat(), consumerWithBeat()));
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.currentTimeMillis();

        // The first poll reads the announcement, then the work after it fails, as a sweep with a bug would.
        reader.start(() -> consumers.peek(), () -> {
            pause();
            if (polls.incrementAndGet() == 1) {
                consumers.poll();
                failures.incrementAndGet();
                throw new IllegalStateException("the sweep failed");
            }
        }, "nothing is swept", Duration.ofSeconds(3));
        try {
            awaitTrue(() -> failures.get() == 1);
            Thread.sleep(Math.max(0, started + TTL_MS + 500 - System.currentTimeMillis()));

            assertThat(reader.heartbeats().isGone("router-1")).as("a sender whose TTL passed while nobody read").isFalse();
            assertThat(polls.get()).as("no poll before the retry").isEqualTo(1);
            awaitTrue(() -> polls.get() > 1);
            assertThat(reader.heartbeats().isGone("router-1")).isFalse();
        } finally {
            reader.stop();
        }
        assertThat(consumers.peek().closed()).as("the second consumer, closed on stop").isTrue();
    }

    private static MockConsumer<String, byte[]> consumerWithBeat() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, 8, 16, "router-1", ("{\"ttlMs\":" + TTL_MS + "}").getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty())));
        return consumer;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

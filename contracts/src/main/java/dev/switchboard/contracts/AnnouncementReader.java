package dev.switchboard.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a compacted topic of heartbeats ({@code switchboard.adapters}, {@code switchboard.routers}) into
 * {@link Heartbeats}: every partition by assignment, from the topic's start, so each process holds the whole view. It
 * reads on a consumer and thread of its own ({@link #start}), or on a consumer it shares with other topics
 * ({@link #partitions}, {@link #seekToStart}, {@link #accept}, {@link #afterPoll}). Once a second it asks the broker
 * where the topic ends: an empty poll cannot tell a broker that is away from senders that are silent, so while the
 * broker does not answer, the announcements stop ageing, and once it does, they age again.
 *
 * @param <T> the announcement a record holds
 */
public final class AnnouncementReader<T> {

    /** How often, and how long at most, the reader checks that it reaches the broker. */
    public static final Duration REACH_CHECK = Duration.ofSeconds(1);
    /** How long a reader on its own thread waits after a failure before it reads again. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** How long one poll of a reader on its own thread waits at most. */
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(AnnouncementReader.class);

    private final String topic;
    private final Class<T> type;
    private final ToLongFunction<T> ttlMs;
    private final ObjectMapper mapper;
    private final Heartbeats<T> heartbeats = new Heartbeats<>();
    // Touched only by the thread that polls.
    private List<TopicPartition> partitions = List.of();
    private Map<TopicPartition, Long> ends = Map.of();
    private long reachedMs;
    private long nextCheckMs;
    private volatile boolean caughtUp;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean stopping;
    private volatile Thread thread;

    public AnnouncementReader(String topic, Class<T> type, ToLongFunction<T> ttlMs, ObjectMapper mapper) {
        this.topic = topic;
        this.type = type;
        this.ttlMs = ttlMs;
        this.mapper = mapper;
    }

    /** What has been read: the announcements that hold, and the senders that are gone. */
    public Heartbeats<T> heartbeats() {
        return heartbeats;
    }

    /** Whether it has read what the topic held when it started, and reads on. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The topic's partitions, for the consumer to be assigned (alone, or with others); empty when it has none. */
    public List<TopicPartition> partitions(Consumer<?, ?> consumer) {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        return partitions;
    }

    /** Once the consumer is assigned the partitions: reads from the start, and notes where the topic ends now. */
    public void seekToStart(Consumer<?, ?> consumer) {
        if (partitions.isEmpty()) {
            return; // (An empty list would seek every assigned partition.)
        }
        consumer.seekToBeginning(partitions);
        ends = consumer.endOffsets(partitions);
        reachedMs = System.currentTimeMillis();
        nextCheckMs = reachedMs + REACH_CHECK.toMillis();
    }

    /** Takes one record of the topic: an announcement, or a goodbye (a tombstone). An unreadable one is skipped. */
    public void accept(ConsumerRecord<String, byte[]> record) {
        try {
            T announcement = record.value() == null ? null : mapper.readValue(record.value(), type);
            heartbeats.accept(record.key(), announcement, announcement == null ? 0 : ttlMs.applyAsLong(announcement),
                    record.timestamp());
        } catch (Exception e) {
            LOG.warnf("Unreadable record %s on %s: %s", record.key(), topic, e.getMessage());
        }
    }

    /** After each poll of the consumer: checks, when it is due, that the broker answers, and whether it caught up. */
    public void afterPoll(Consumer<?, ?> consumer) {
        if (partitions.isEmpty()) {
            return;
        }
        if (System.currentTimeMillis() >= nextCheckMs) {
            checkReach(consumer);
            nextCheckMs = System.currentTimeMillis() + REACH_CHECK.toMillis();
        }
        if (!caughtUp && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            caughtUp = true;
            LOG.infof("Read the announcements %s held at start", topic);
        }
    }

    private void checkReach(Consumer<?, ?> consumer) {
        try {
            consumer.endOffsets(partitions, REACH_CHECK);
        } catch (TimeoutException e) {
            heartbeats.readerStalled(reachedMs);
            return;
        }
        heartbeats.readerReading();
        reachedMs = System.currentTimeMillis();
    }

    /**
     * Reads the topic on a consumer and a thread of its own, both named after the topic, running {@code afterEachPoll}
     * after every poll (at least twice a second). A failure does not end the reading: the announcements stop ageing (so
     * no sender looks gone for want of a reader), and after {@link #RETRY} a new consumer reads the topic again.
     *
     * @param whenStopped what it means that the topic is not read, for the log
     */
    public void start(String bootstrapServers, String clientId, Runnable afterEachPoll, String whenStopped) {
        start(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer()),
                afterEachPoll, whenStopped, RETRY);
    }

    /** As {@link #start(String, String, Runnable, String)}, on the consumers given, waiting {@code retry} after a failure. */
    void start(Supplier<Consumer<String, byte[]>> consumers, Runnable afterEachPoll, String whenStopped, Duration retry) {
        thread = new Thread(() -> run(consumers, afterEachPoll, whenStopped, retry), topic.replace('.', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Supplier<Consumer<String, byte[]>> consumers, Runnable afterEachPoll, String whenStopped,
            Duration retry) {
        while (!stopping) {
            try {
                read(consumers.get(), afterEachPoll, whenStopped);
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (reachedMs > 0) {
                    heartbeats.readerStalled(reachedMs);
                }
                caughtUp = false;
                LOG.errorf(e, "Reading %s failed; reading it again in %d ms (meanwhile %s)", topic, retry.toMillis(),
                        whenStopped);
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void read(Consumer<String, byte[]> reading, Runnable afterEachPoll, String whenStopped) {
        consumer = reading;
        try {
            if (stopping) {
                return; // stop() may have woken the consumer before this one.
            }
            reading.assign(partitions(reading));
            if (partitions.isEmpty()) {
                LOG.errorf("Topic %s has no partitions: %s", topic, whenStopped);
                return;
            }
            seekToStart(reading);
            while (true) {
                reading.poll(POLL).forEach(this::accept);
                afterPoll(reading);
                afterEachPoll.run();
            }
        } catch (WakeupException e) {
            // Shutting down.
        } finally {
            reading.close(Duration.ofSeconds(2));
        }
    }

    /** Stops the thread {@link #start} began, if any. */
    public void stop() throws InterruptedException {
        stopping = true;
        Consumer<?, ?> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}

package dev.switchboard.adapters.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * The connector's consumer, answering a single partition's committed-offset lookup from one batch made for every
 * partition assigned with it (see {@link PrefetchedCommitStrategy}). Each prefetched answer is used once, for the
 * partition's first record; every other call goes to the consumer as it is.
 */
final class PrefetchingConsumer<K, V> implements KafkaConsumer<K, V> {

    private final KafkaConsumer<K, V> consumer;
    private final Map<TopicPartition, Uni<Map<TopicPartition, OffsetAndMetadata>>> prefetched = new ConcurrentHashMap<>();

    private PrefetchingConsumer(KafkaConsumer<K, V> consumer) {
        this.consumer = consumer;
    }

    static <K, V> PrefetchingConsumer<K, V> of(KafkaConsumer<K, V> consumer) {
        return new PrefetchingConsumer<>(consumer);
    }

    /** Starts looking the committed offsets of newly assigned partitions up, in one request. */
    void prefetch(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Uni<Map<TopicPartition, OffsetAndMetadata>> batch = consumer.committed(partitions.toArray(TopicPartition[]::new))
                .memoize().indefinitely();
        partitions.forEach(partition -> prefetched.put(partition, batch));
        // A failed batch is not fatal: each partition then looks its offset up on its own, as before.
        batch.subscribe().with(ignored -> {
        }, failure -> Log.debugf("Committed offsets not prefetched: %s", failure.getMessage()));
    }

    /** Partitions no longer assigned: a later assignment looks their offsets up again. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(prefetched::remove);
    }

    @Override
    public Uni<Map<TopicPartition, OffsetAndMetadata>> committed(TopicPartition... partitions) {
        Uni<Map<TopicPartition, OffsetAndMetadata>> batch = partitions.length == 1 ? prefetched.remove(partitions[0])
                : null;
        if (batch == null) {
            return consumer.committed(partitions);
        }
        TopicPartition partition = partitions[0];
        return batch.map(offsets -> {
            // A partition without a committed offset maps to null, which only a HashMap holds.
            Map<TopicPartition, OffsetAndMetadata> one = new HashMap<>();
            one.put(partition, offsets.get(partition));
            return one;
        }).onFailure().recoverWithUni(() -> consumer.committed(partition));
    }

    @Override
    public Map<String, ?> configuration() {
        return consumer.configuration();
    }

    @Override
    public <R> Uni<R> runOnPollingThread(Function<org.apache.kafka.clients.consumer.Consumer<K, V>, R> action) {
        return consumer.runOnPollingThread(action);
    }

    @Override
    public Uni<Void> runOnPollingThread(Consumer<org.apache.kafka.clients.consumer.Consumer<K, V>> action) {
        return consumer.runOnPollingThread(action);
    }

    @Override
    public Uni<Set<TopicPartition>> pause() {
        return consumer.pause();
    }

    @Override
    public Uni<Set<TopicPartition>> paused() {
        return consumer.paused();
    }

    @Override
    public Uni<Void> resume() {
        return consumer.resume();
    }

    @Override
    public org.apache.kafka.clients.consumer.Consumer<K, V> unwrap() {
        return consumer.unwrap();
    }

    @Override
    public Uni<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return consumer.commit(offsets);
    }

    @Override
    public Uni<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return consumer.commitAsync(offsets);
    }

    @Override
    public Uni<Map<TopicPartition, Long>> getPositions() {
        return consumer.getPositions();
    }

    @Override
    public Uni<Set<TopicPartition>> getAssignments() {
        return consumer.getAssignments();
    }

    @Override
    public Uni<Void> seek(TopicPartition partition, long offset) {
        return consumer.seek(partition, offset);
    }

    @Override
    public Uni<Void> seek(TopicPartition partition, OffsetAndMetadata offset) {
        return consumer.seek(partition, offset);
    }

    @Override
    public Uni<Void> seekToBeginning(Collection<TopicPartition> partitions) {
        return consumer.seekToBeginning(partitions);
    }

    @Override
    public Uni<Void> seekToEnd(Collection<TopicPartition> partitions) {
        return consumer.seekToEnd(partitions);
    }

    @Override
    public Uni<ConsumerGroupMetadata> consumerGroupMetadata() {
        return consumer.consumerGroupMetadata();
    }

    @Override
    public Uni<Void> resetToLastCommittedPositions() {
        return consumer.resetToLastCommittedPositions();
    }

    @Override
    public Uni<Map<String, List<PartitionInfo>>> lisTopics() {
        return consumer.lisTopics();
    }

    @Override
    public Uni<Map<String, List<PartitionInfo>>> lisTopics(Duration timeout) {
        return consumer.lisTopics(timeout);
    }

    @Override
    public Uni<List<PartitionInfo>> partitionsFor(String topic) {
        return consumer.partitionsFor(topic);
    }
}

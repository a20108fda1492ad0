package dev.switchboard.adapters.messaging;

import java.util.Collection;
import java.util.function.BiConsumer;

import jakarta.inject.Singleton;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.commit.KafkaThrottledLatestProcessedCommit;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * The connector's {@code throttled} commit strategy (an offset is committed once every record before it is
 * acknowledged), with the committed offsets of newly assigned partitions looked up in one batch at assignment. The
 * connector looks a partition's committed offset up when its first record arrives, and holds that record and every
 * record after it, of any partition, until the answer comes: on a fresh adapter the first request of each of the twelve
 * partitions waited for a lookup of its own, one after another, 0.3 to 0.8 s each on a loaded machine, so the last
 * partition's first request was taken 5 s after it was sent, far past the routers' ack timeout.
 */
@Singleton
@Identifier(PrefetchedCommitStrategy.NAME)
public class PrefetchedCommitStrategy implements KafkaCommitHandler.Factory {

    /** The value of a channel's {@code commit-strategy} that selects it. */
    public static final String NAME = "throttled-prefetched";

    private final KafkaThrottledLatestProcessedCommit.Factory throttled = new KafkaThrottledLatestProcessedCommit.Factory();

    @Override
    public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        PrefetchingConsumer<?, ?> prefetching = PrefetchingConsumer.of(consumer);
        return new Handler(vertx, throttled.create(config, vertx, prefetching, reportFailure), prefetching);
    }

    /**
     * The throttled handler, told to look the offsets up in a batch before it asks for them one at a time. It holds
     * the channel's Vert.x context as the throttled handler does, and hands it on: the connector gives it only to a
     * handler that holds one.
     */
    private static final class Handler extends ContextHolder implements KafkaCommitHandler {

        private final KafkaThrottledLatestProcessedCommit throttled;
        private final PrefetchingConsumer<?, ?> consumer;

        Handler(Vertx vertx, KafkaThrottledLatestProcessedCommit throttled, PrefetchingConsumer<?, ?> consumer) {
            super(vertx, throttled.getTimeoutInMillis());
            this.throttled = throttled;
            this.consumer = consumer;
        }

        @Override
        public void capture(Context context) {
            super.capture(context);
            throttled.capture(context);
        }

        @Override
        public void capture(io.vertx.core.Context context) {
            super.capture(context);
            throttled.capture(context);
        }

        @Override
        public void partitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.prefetch(partitions);
            throttled.partitionsAssigned(partitions);
        }

        @Override
        public void partitionsRevoked(Collection<TopicPartition> partitions) {
            consumer.forget(partitions);
            throttled.partitionsRevoked(partitions);
        }

        @Override
        public <K, V> Multi<IncomingKafkaRecord<K, V>> decorateStream(Multi<IncomingKafkaRecord<K, V>> stream) {
            return throttled.decorateStream(stream);
        }

        @Override
        public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
            return throttled.received(record);
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            return throttled.handle(record);
        }

        @Override
        public void terminate(boolean graceful) {
            throttled.terminate(graceful);
        }
    }
}

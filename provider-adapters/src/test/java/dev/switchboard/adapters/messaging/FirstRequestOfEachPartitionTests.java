package dev.switchboard.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * The first request of each partition is taken at once. The connector's commit bookkeeping looks up a partition's
 * committed offset when its first record arrives, holding every request behind it until the broker answers: one
 * lookup after another for a fresh adapter's partitions, 0.3 to 0.8 s each on a loaded machine, so the first requests
 * were acknowledged seconds late, past the routers' ack timeout. The offsets are now looked up in one batch when the
 * partitions are assigned ({@link PrefetchedCommitStrategy}), so the first records make no lookup of their own: this
 * counts the broker's offset-fetch requests while they are taken.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@TestProfile(FirstRequestOfEachPartitionTests.FreshConsumer.class)
class FirstRequestOfEachPartitionTests {

    /** An adapter of its own, whose consumer has seen no partition of the request topic yet. */
    public static class FreshConsumer implements QuarkusTestProfile {
    }

    private static final int REPLY_PARTITION = 3;
    /**
     * Each lookup is a round trip to the broker, one after another: a few hundred ms in all on a quiet machine, under
     * 3 s measured with a load average of 30 on two cores. Before, the last of the eleven waited 8 s and more.
     */
    private static final long TAKEN_WITHIN_MS = 5_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void theFirstRequestOfEveryPartitionIsAcknowledgedAtOnce() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
                TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            // Once this one is acknowledged, the adapter holds the topic's partitions.
            CompletionRequest first = request();
            send(producer, first, 0).get(10, TimeUnit.SECONDS);
            replies.await(TopicReader.ackOf(first.requestId()), Duration.ofSeconds(60));

            List<CompletionRequest> requests = new ArrayList<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int partition = 1; partition < Topics.REQUEST_PARTITIONS; partition++) {
                CompletionRequest request = request();
                requests.add(request);
                sent.add(send(producer, request, partition));
            }
            for (Future<RecordMetadata> each : sent) {
                each.get(10, TimeUnit.SECONDS);
            }

            long lookupsBefore = OFFSET_FETCHES.get();
            List<Long> queuedMs = new ArrayList<>();
            for (CompletionRequest request : requests) {
                CompletionAck ack = mapper.readValue(
                        replies.await(TopicReader.ackOf(request.requestId()), Duration.ofSeconds(60)).value(),
                        CompletionAck.class);
                queuedMs.add(ack.queuedMs());
            }
            assertThat(queuedMs).as("ms from each send until an adapter took it").allMatch(ms -> ms < TAKEN_WITHIN_MS);
            // One per partition before; a rebalance meanwhile would look its partitions' positions up once.
            assertThat(OFFSET_FETCHES.get() - lookupsBefore).as("offset lookups while the first records were taken")
                    .isLessThanOrEqualTo(1);
        }
    }

    /** The offset-fetch requests the broker in this JVM has handled so far, from its request metrics. */
    private static final Supplier<Long> OFFSET_FETCHES = () -> {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            long count = 0;
            for (ObjectName name : server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=OffsetFetch,*"), null)) {
                count += ((Number) server.getAttribute(name, "Count")).longValue();
            }
            return count;
        } catch (JMException e) {
            throw new IllegalStateException("the broker's request metrics could not be read", e);
        }
    };

    private CompletionRequest request() {
        // A stream: acknowledged as soon as it is taken, where a plain call's acknowledgement waits for its ack delay.
        ObjectNode body = mapper.createObjectNode().put("model", "mock/echo").put("stream", true);
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", "ping"));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, "mock", "echo", System.currentTimeMillis() + 60_000,
                "key-test", body);
    }

    private Future<RecordMetadata> send(KafkaProducer<String, String> producer, CompletionRequest request, int partition)
            throws Exception {
        return producer.send(RouterRecords.request(mapper, Topics.requests("mock"), partition, request, REPLY_PARTITION,
                null));
    }
}

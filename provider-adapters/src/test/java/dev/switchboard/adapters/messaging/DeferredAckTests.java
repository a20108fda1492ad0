package dev.switchboard.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * A plain call is acknowledged once its ack delay (one second here) has passed since its router sent it without an
 * answer, and not at all when the answer comes first; a stream, and a request that waited in Kafka past the delay, are
 * acknowledged as soon as they are taken. The provider that never answers is {@link EndlessProvider}'s OpenAI.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EndlessProvider.class, restrictToAnnotatedClass = true)
@TestProfile(DeferredAckTests.OneSecondAckDelay.class)
class DeferredAckTests {

    private static final long DELAY_MS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 9;

    /** The ack delay these tests measure against. */
    public static class OneSecondAckDelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.adapters.ack-delay", DELAY_MS + "ms");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private static boolean topicsHeld;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Until the adapter holds a topic's partitions, a request waits in Kafka and counts as queued: one CI run's first
     * test read 1,224 ms queued. One answered echo and one acknowledged OpenAI call show both topics held.
     */
    @BeforeEach
    void awaitTopicsHeld() throws Exception {
        if (topicsHeld) {
            return;
        }
        CompletionRequest echo = request("mock", "echo", "warm", false);
        CompletionRequest endless = request("openai", "gpt-4o-mini", "warm " + UUID.randomUUID(), false);
        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            send(echo, null);
            send(endless, null);
            replies.await(TopicReader.replyTo(echo.requestId()), WAIT);
            replies.await(TopicReader.ackOf(endless.requestId()), WAIT);
            sendCancel(endless);
        }
        topicsHeld = true;
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void aPlainCallStillUnansweredIsAcknowledgedOnceItsDelayHasPassed() throws Exception {
        CompletionRequest request = request("openai", "gpt-4o-mini", "never answered " + UUID.randomUUID(), false);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            RecordMetadata sent = send(request, null);
            ConsumerRecord<String, String> ack = replies.await(TopicReader.ackOf(request.requestId()), WAIT);
            sendCancel(request);

            assertThat(ack.timestamp() - sent.timestamp()).as("ms from the router's send to the acknowledgement")
                    .isGreaterThanOrEqualTo(DELAY_MS);
            CompletionAck read = mapper.readValue(ack.value(), CompletionAck.class);
            assertThat(read.attempt()).isEqualTo(1);
            assertThat(read.instance()).isNotBlank();
            assertThat(read.queuedMs()).isNotNegative().isLessThan(DELAY_MS);
        }
    }

    @Test
    void aPlainCallAnsweredWithinItsDelayIsNotAcknowledged() throws Exception {
        CompletionRequest request = request("mock", "echo", "quick", false);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            RecordMetadata sent = send(request, null);
            ConsumerRecord<String, String> reply = replies.await(TopicReader.replyTo(request.requestId()), WAIT);
            long answeredMs = reply.timestamp() - sent.timestamp();
            assumeThat(answeredMs).as("answered within the delay (a loaded machine may not)").isLessThan(DELAY_MS / 2);
            long untilDue = sent.timestamp() + DELAY_MS + 1_000 - System.currentTimeMillis();
            List<ConsumerRecord<String, String>> records = replies.drain(Duration.ofMillis(Math.max(0, untilDue)));

            assertThat(records).filteredOn(TopicReader.keyed(request.requestId())).containsExactly(reply);
        }
    }

    @Test
    void aRequestThatWaitedInKafkaPastItsDelayIsAcknowledgedAtOnceBeforeItsReply() throws Exception {
        CompletionRequest request = request("mock", "echo", "who took this?", false);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            send(request, System.currentTimeMillis() - 5_000);
            replies.await(TopicReader.replyTo(request.requestId()), WAIT);
            List<ConsumerRecord<String, String>> records = replies.drain(Duration.ZERO).stream()
                    .filter(TopicReader.keyed(request.requestId())).toList();

            assertThat(records).hasSize(2);
            assertThat(records.get(0)).matches(TopicReader.ackOf(request.requestId()), "the acknowledgement, first");
            assertThat(mapper.readValue(records.get(0).value(), CompletionAck.class).queuedMs())
                    .as("from the record's timestamp").isGreaterThanOrEqualTo(5_000);
        }
    }

    @Test
    void aStreamIsAcknowledgedAtOnceBeforeItsFirstChunk() throws Exception {
        CompletionRequest request = request("mock", "echo", "one two three", true);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            RecordMetadata sent = send(request, null);
            ConsumerRecord<String, String> ack = replies.await(TopicReader.ackOf(request.requestId()), WAIT);
            replies.await(TopicReader.replyTo(request.requestId()), WAIT);
            List<ConsumerRecord<String, String>> records = replies.drain(Duration.ZERO).stream()
                    .filter(TopicReader.keyed(request.requestId())).toList();

            assertThat(records.get(0)).isEqualTo(ack);
            assertThat(mapper.readValue(ack.value(), CompletionAck.class).queuedMs()).isLessThan(DELAY_MS);
            assertThat(ack.timestamp() - sent.timestamp()).isLessThan(DELAY_MS);
        }
    }

    private CompletionRequest request(String provider, String model, String prompt, boolean stream) {
        ObjectNode body = mapper.createObjectNode().put("model", provider + "/" + model).put("stream", stream);
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", prompt));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model,
                System.currentTimeMillis() + 30_000, "key-test", body);
    }

    /** Sends the request as a router would, stamped {@code timestamp} (now when null). */
    private RecordMetadata send(CompletionRequest request, Long timestamp) throws Exception {
        return producer.send(RouterRecords.request(mapper, Topics.requests(request.provider()), request, REPLY_PARTITION,
                timestamp)).get(10, TimeUnit.SECONDS);
    }

    private void sendCancel(CompletionRequest request) throws Exception {
        producer.send(RouterRecords.cancel(mapper, Topics.requests(request.provider()),
                new CompletionCancel(request.requestId(), 1))).get(10, TimeUnit.SECONDS);
    }
}

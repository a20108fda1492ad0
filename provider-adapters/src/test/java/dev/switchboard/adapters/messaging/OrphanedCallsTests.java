package dev.switchboard.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.RouterAnnouncement;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * A router replica that dies leaves no provider call running: once its announcement lapses (its TTL here is one
 * second, heartbeats every 200 ms) or it says goodbye, the adapter closes the provider connections of the calls it sent
 * within the TTL and a sweep (one second), and counts each attempt {@code cancelled} with the tokens streamed so far.
 * A replica that keeps announcing keeps its calls.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EndlessProvider.class, restrictToAnnotatedClass = true)
class OrphanedCallsTests {

    private static final long TTL_MS = 1_000;
    /** The TTL, a sweep, and room for a loaded machine. */
    private static final Duration BOUND = Duration.ofMillis(TTL_MS + RouterWatch.SWEEP.toMillis() + 3_000);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 7;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        heartbeat.shutdownNow();
        producer.close();
    }

    @Test
    void theStreamOfAReplicaWhoseAnnouncementLapsedIsClosedAndCountedWithItsTokens() throws Exception {
        String replica = "router-test:8080/" + UUID.randomUUID();
        var beating = heartbeat.scheduleAtFixedRate(() -> announce(replica), 0, 200, TimeUnit.MILLISECONDS);
        String marker = "orphan-stream-" + UUID.randomUUID();
        CompletionRequest request = request(marker, true);

        try (TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            send(request, replica);
            EndlessProvider.Call call = EndlessProvider.awaitCall(marker);
            Thread.sleep(3 * TTL_MS);
            assertThat(call.closed()).as("the call of a replica that announces itself").isNotDone();

            beating.cancel(false);
            long stopped = System.nanoTime();

            call.closed().get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(BOUND);
            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(event.errorMessage()).contains("router replica " + replica + " is gone");
            assertThat(event.outputTokens()).as("the tokens streamed before the cut").isPositive();
        }
    }

    @Test
    void aPlainCallOfAReplicaThatSaidGoodbyeIsClosedAtTheNextSweep() throws Exception {
        String replica = "router-test:8090/" + UUID.randomUUID();
        var beating = heartbeat.scheduleAtFixedRate(() -> announce(replica), 0, 200, TimeUnit.MILLISECONDS);
        String marker = "orphan-plain-" + UUID.randomUUID();
        CompletionRequest request = request(marker, false);

        try (TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            send(request, replica);
            EndlessProvider.Call call = EndlessProvider.awaitCall(marker);

            beating.cancel(false);
            producer.send(new ProducerRecord<>(Topics.ROUTERS, replica, null)).get(10, TimeUnit.SECONDS);

            call.closed().get(RouterWatch.SWEEP.toMillis() + 3_000, TimeUnit.MILLISECONDS);
            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(event.errorMessage()).contains("router replica " + replica + " is gone");
        }
    }

    @Test
    void aRequestOfAReplicaAlreadyGoneIsNotSentToTheProvider() throws Exception {
        String replica = "router-test:8100/" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.ROUTERS, replica, mapper.writeValueAsString(
                new RouterAnnouncement(replica, Instant.now().minusSeconds(60), TTL_MS)))).get(10, TimeUnit.SECONDS);
        Thread.sleep(2 * RouterWatch.SWEEP.toMillis());
        String marker = "orphan-late-" + UUID.randomUUID();
        CompletionRequest request = request(marker, false);

        try (TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            send(request, replica);

            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(EndlessProvider.calls()).noneMatch(call -> call.body().contains(marker));
        }
    }

    private void announce(String replica) {
        try {
            producer.send(new ProducerRecord<>(Topics.ROUTERS, replica,
                    mapper.writeValueAsString(new RouterAnnouncement(replica, Instant.now(), TTL_MS))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletionRequest request(String prompt, boolean stream) {
        ObjectNode body = mapper.createObjectNode().put("model", "openai/gpt-4o-mini").put("stream", stream);
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", prompt));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, "openai", "gpt-4o-mini",
                System.currentTimeMillis() + 60_000, "key-test", body);
    }

    private void send(CompletionRequest request, String replica) throws Exception {
        ProducerRecord<String, String> record = RouterRecords.request(mapper, Topics.requests(request.provider()), request,
                REPLY_PARTITION, null);
        record.headers().add(MessageHeaders.ROUTER, MessageHeaders.encode(replica));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }
}

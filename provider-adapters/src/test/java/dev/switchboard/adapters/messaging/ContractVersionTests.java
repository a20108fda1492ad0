package dev.switchboard.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * Records of every contract version on the request topic, written as raw JSON the way each router version wrote them:
 * version 1 is still served during a rolling upgrade, a newer version than the adapter reads gets a clear failure, and
 * an operation no client implements yet is refused by name.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ContractVersionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 6;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void aVersionOneRecordIsAnsweredAsAChatCompletion() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        long deadline = System.currentTimeMillis() + 30_000;
        // Exactly what a version 1 router wrote: no operation, dialect or forwarded headers.
        String v1 = """
                {"requestId":"%s","attempt":1,"provider":"mock","model":"echo","deadlineEpochMs":%d,"apiKeyId":"key-v1",\
                "body":{"model":"mock/echo","messages":[{"role":"user","content":"still here"}]},\
                "route":{"policy":null,"task":"general","candidates":["mock/echo"],"fallback":false,"reason":"explicit"}}\
                """.formatted(requestId, deadline);
        send(requestId, v1, "1", deadline);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(requestId), WAIT).value(), CompletionReply.class);
            assertThat(reply.succeeded()).isTrue();
            assertThat(reply.completion().at("/object").asText()).isEqualTo("chat.completion");
            assertThat(reply.completion().at("/choices/0/message/content").asText()).isEqualTo("still here");
            assertThat(reply.eventType()).isNull();

            UsageEvent event = read(usage.await(TopicReader.keyed(requestId), WAIT).value(), UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.operation()).isEqualTo(Operation.CHAT);
            assertThat(event.apiKeyId()).isEqualTo("key-v1");
            assertThat(event.route().task()).isEqualTo("general");
        }
    }

    @Test
    void aCallTranslatedToChatIsCountedUnderTheOperationItsCallerAskedFor() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        long deadline = System.currentTimeMillis() + 30_000;
        String translated = """
                {"requestId":"%s","attempt":1,"provider":"mock","model":"echo","deadlineEpochMs":%d,"apiKeyId":"key-v3",\
                "operation":"chat","dialect":"openai","callerOperation":"responses",\
                "body":{"model":"mock/echo","messages":[{"role":"user","content":"from the responses door"}]}}\
                """.formatted(requestId, deadline);
        send(requestId, translated, "3", deadline);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(requestId), WAIT).value(), CompletionReply.class);
            assertThat(reply.completion().at("/object").asText()).isEqualTo("chat.completion");

            UsageEvent event = read(usage.await(TopicReader.keyed(requestId), WAIT).value(), UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.operation()).isEqualTo(Operation.RESPONSES);
        }
    }

    @Test
    void aRecordOfANewerVersionGetsAFailureReplyNamingTheVersions() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        long deadline = System.currentTimeMillis() + 30_000;
        String v4 = """
                {"requestId":"%s","attempt":2,"provider":"mock","model":"echo","deadlineEpochMs":%d,"apiKeyId":"key-v4",\
                "operation":"telepathy","envelope":{"shape":"unknown to this adapter"}}\
                """.formatted(requestId, deadline);
        send(requestId, v4, "4", deadline);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(requestId), WAIT).value(), CompletionReply.class);
            assertThat(reply.attempt()).isEqualTo(2);
            assertThat(reply.isFinal()).isTrue();
            assertThat(reply.error().errorClass()).isEqualTo(ErrorClass.UNSUPPORTED);
            assertThat(reply.error().errorClass().retryable()).isFalse();
            assertThat(reply.error().message()).contains("switchboard-schema 4").contains("1 to 3");

            UsageEvent event = read(usage.await(TopicReader.keyed(requestId), WAIT).value(), UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(event.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED);
            assertThat(event.attempt()).isEqualTo(2);
        }
    }

    @Test
    void anOperationTheProviderDoesNotOfferIsRefusedByName() throws Exception {
        String plainId = "req-" + UUID.randomUUID();
        String streamId = "req-" + UUID.randomUUID();
        long deadline = System.currentTimeMillis() + 30_000;
        String record = """
                {"requestId":"%s","attempt":1,"provider":"mock","model":"echo","deadlineEpochMs":%d,"apiKeyId":"key-v2",\
                "operation":"%s","dialect":"%s","body":%s}\
                """;
        send(plainId, record.formatted(plainId, deadline, "count_tokens", "anthropic", "{\"messages\":[]}"), "2",
                deadline);
        send(streamId, record.formatted(streamId, deadline, "messages", "anthropic",
                "{\"max_tokens\":5,\"stream\":true,\"messages\":[]}"), "2", deadline);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            CompletionReply plain = read(replies.await(TopicReader.replyTo(plainId), WAIT).value(), CompletionReply.class);
            CompletionReply stream = read(replies.await(TopicReader.replyTo(streamId), WAIT).value(), CompletionReply.class);

            assertThat(plain.error().errorClass()).isEqualTo(ErrorClass.UNSUPPORTED);
            assertThat(plain.error().message()).isEqualTo("operation count_tokens is not supported by provider mock");
            assertThat(stream.isFinal()).isTrue();
            assertThat(stream.error().errorClass()).isEqualTo(ErrorClass.UNSUPPORTED);
            assertThat(stream.error().message()).isEqualTo("operation messages is not supported by provider mock");
        }
    }

    private void send(String requestId, String json, String schema, long deadline) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.requests("mock"), 1, requestId, json);
        record.headers()
                .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(requestId))
                .add(MessageHeaders.REPLY_PARTITION, MessageHeaders.encode(REPLY_PARTITION))
                .add(MessageHeaders.DEADLINE, MessageHeaders.encode(deadline))
                .add(MessageHeaders.SCHEMA, MessageHeaders.encode(schema));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

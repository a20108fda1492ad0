package dev.switchboard.adapters.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.api.tracing.Tracing;
import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class CompletionRequestProcessorTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 5;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    ObjectMapper mapper;

    @Inject
    Tracing tracing;

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
    void echoIsAnsweredOnTheRequestedReplyPartitionWithUsage() throws Exception {
        CompletionRequest request = managedKeyRequest("echo", "say hello world");
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            ConsumerRecord<String, String> record = replies.await(TopicReader.replyTo(request.requestId()), WAIT);
            CompletionReply reply = mapper.readValue(record.value(), CompletionReply.class);

            assertThat(record.partition()).isEqualTo(REPLY_PARTITION);
            assertThat(MessageHeaders.decode(record.headers().lastHeader(MessageHeaders.REQUEST_ID).value()))
                    .isEqualTo(request.requestId());
            assertThat(reply.succeeded()).isTrue();
            assertThat(reply.completion().at("/object").asText()).isEqualTo("chat.completion");
            assertThat(reply.completion().at("/choices/0/message/content").asText()).isEqualTo("say hello world");
            assertThat(reply.completion().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(reply.completion().at("/usage/prompt_tokens").asInt()).isEqualTo(5);
            assertThat(reply.completion().at("/usage/completion_tokens").asInt()).isEqualTo(3);

            ConsumerRecord<String, String> usageRecord = usage.await(TopicReader.keyed(request.requestId()), WAIT);
            UsageEvent event = mapper.readValue(usageRecord.value(), UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.inputTokens()).isEqualTo(5);
            assertThat(event.outputTokens()).isEqualTo(3);
            assertThat(event.apiKeyId()).isEqualTo("key-test");
            assertThat(event.attribution().keyName()).isEqualTo("checkout");
            assertThat(MessageHeaders.decode(usageRecord.headers().lastHeader(MessageHeaders.API_KEY_ID).value()))
                    .as("the managed key the registry books spend to").isEqualTo("key-test");
            assertThat(event.queuedMs()).as("how long the request waited in Kafka").isNotNull().isNotNegative();
        }
    }

    @Test
    void loopbackIsAnsweredThroughTheProviderHttpPathLikeARealProvider() throws Exception {
        CompletionRequest request = request("loopback", "over the wire", 30_000);
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(request.requestId()), WAIT).value());

            assertThat(reply.succeeded()).isTrue();
            assertThat(reply.completion().path("id").asText()).as("answered by the loopback server")
                    .startsWith("chatcmpl-loopback-");
            assertThat(reply.completion().at("/choices/0/message/content").asText()).isEqualTo("over the wire");
            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.model()).isEqualTo("loopback");
            assertThat(event.inputTokens()).isEqualTo(5);
            assertThat(event.outputTokens()).isEqualTo(3);
        }
        given().when().get("/providers").then().statusCode(401);
        String metrics = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metrics).as("the loopback server is not one of the service's own HTTP doors")
                .contains("uri=\"/providers\"").doesNotContain("uri=\"/v1/chat/completions\"");
    }

    @Test
    void embeddingsAreAnsweredAsAListAndCountedAsTheirOwnOperation() throws Exception {
        ObjectNode body = mapper.createObjectNode().put("model", "mock/embed");
        body.putArray("input").add("one two three").add("four");
        CompletionRequest request = new CompletionRequest("req-" + UUID.randomUUID(), 1, "mock", "embed",
                System.currentTimeMillis() + 30_000, "key-test", Operation.EMBEDDINGS, Dialect.OPENAI, body, null, null);
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(request.requestId()), WAIT).value());

            assertThat(reply.succeeded()).isTrue();
            assertThat(reply.completion().path("object").asText()).isEqualTo("list");
            assertThat(reply.completion().path("data")).hasSize(2);
            assertThat(reply.tokens().input()).isEqualTo(4);

            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.operation()).isEqualTo(Operation.EMBEDDINGS);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.inputTokens()).isEqualTo(4);
            assertThat(event.outputTokens()).isZero();
        }
    }

    @Test
    void eachEnabledProviderIsAnnouncedWithWhetherItCanBeCalled() throws Exception {
        try (TopicReader announcements = TopicReader.wholeTopic(bootstrapServers, Topics.ADAPTERS)) {
            AdapterAnnouncement mock = mapper.readValue(announcements.await(record -> record.key().startsWith("mock/")
                    && record.value() != null, WAIT).value(), AdapterAnnouncement.class);
            AdapterAnnouncement deepseek = mapper.readValue(announcements.await(record -> record.key().startsWith(
                    "deepseek/") && record.value() != null, WAIT).value(), AdapterAnnouncement.class);

            assertThat(mock.usable()).isTrue();
            assertThat(mock.reason()).isNull();
            assertThat(mock.ttlMs()).isPositive();
            assertThat(mock.key()).isEqualTo("mock/" + mock.instance());
            assertThat(deepseek.usable()).isFalse();
            assertThat(deepseek.keyConfigured()).isFalse();
            assertThat(deepseek.reason()).contains("no API key");
            assertThat(deepseek.instance()).isEqualTo(mock.instance());
        }
    }

    @Test
    void withTracingOffTheCallersTraceStillTravelsToTheReplyAndTheUsageEvent() throws Exception {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        CompletionRequest request = request("echo", "traced", 30_000);
        send(request, Topics.requests("mock"), traceparent);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            ConsumerRecord<String, String> reply = replies.await(TopicReader.keyed(request.requestId()), WAIT);
            ConsumerRecord<String, String> usageRecord = usage.await(TopicReader.keyed(request.requestId()), WAIT);

            assertThat(tracing.enabled()).isFalse();
            assertThat(MessageHeaders.decode(reply.headers().lastHeader(MessageHeaders.TRACEPARENT).value()))
                    .isEqualTo(traceparent);
            assertThat(MessageHeaders.decode(usageRecord.headers().lastHeader(MessageHeaders.TRACEPARENT).value()))
                    .isEqualTo(traceparent);
            assertThat(mapper.readValue(usageRecord.value(), UsageEvent.class).traceId())
                    .isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(usageRecord.headers().lastHeader(MessageHeaders.API_KEY_ID).value())
                    .as("a static key's call, which the registry passes over unread").isEmpty();
        }
    }

    @Test
    void unknownMockModelIsAClassifiedFailure() throws Exception {
        CompletionRequest request = request("nope", "hi", 30_000);
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            CompletionReply reply = mapper.readValue(replies.await(TopicReader.replyTo(request.requestId()), WAIT).value(),
                    CompletionReply.class);
            assertThat(reply.succeeded()).isFalse();
            assertThat(reply.error().errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
            assertThat(reply.error().message()).contains("nope");

            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(event.errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        }
    }

    @Test
    void expiredRequestIsCountedButNotAnswered() throws Exception {
        CompletionRequest expired = request("echo", "too late", -1_000);
        CompletionRequest fresh = request("echo", "in time", 30_000);
        send(expired);
        send(fresh);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(expired.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.EXPIRED);
            assertThat(event.inputTokens()).isZero();

            // Requests on one partition are handled in order, so once the later one is answered the earlier had its turn.
            replies.await(TopicReader.replyTo(fresh.requestId()), WAIT);
            List<ConsumerRecord<String, String>> all = replies.drain(Duration.ofMillis(500));
            assertThat(all).noneMatch(TopicReader.keyed(expired.requestId()));
        }
    }

    @Test
    void streamComesBackAsNumberedChunksThenAnEndMarker() throws Exception {
        CompletionRequest request = request("echo", "one two three", 30_000);
        request.body().put("stream", true);
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            replies.await(TopicReader.replyTo(request.requestId()).and(record -> read(record.value()).isFinal()), WAIT);
            List<CompletionReply> stream = replies.drain(Duration.ZERO).stream()
                    .filter(TopicReader.replyTo(request.requestId()))
                    .map(record -> read(record.value()))
                    .toList();

            assertThat(stream).extracting(CompletionReply::sequence).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(stream.get(0).chunk().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            String text = stream.stream().filter(reply -> reply.chunk() != null)
                    .map(reply -> reply.chunk().at("/choices/0/delta/content").asText("")).reduce("", String::concat);
            assertThat(text).isEqualTo("one two three");
            assertThat(stream.get(4).chunk().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(stream).allSatisfy(reply -> assertThat(reply.chunk() == null || !reply.chunk().has("usage"))
                    .as("usage is not streamed unless asked for").isTrue());
            assertThat(stream.get(5).last()).isTrue();
            assertThat(stream.get(5).chunk()).isNull();

            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.outputTokens()).isEqualTo(3);
            assertThat(event.timeToFirstTokenMs()).isNotNull();
        }
    }

    @Test
    void cancelCutsARunningStreamOffWithoutAReplyAndCountsItCancelled() throws Exception {
        // The mock streams one word per chunk, 10 ms apart in tests: about three seconds for this answer.
        CompletionRequest request = request("echo", "word ".repeat(300), 60_000);
        request.body().put("stream", true);
        sendCancel(new CompletionCancel("req-unknown-" + UUID.randomUUID(), 1));
        send(request);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            replies.await(TopicReader.replyTo(request.requestId()), WAIT);
            sendCancel(new CompletionCancel(request.requestId(), 1));

            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(event.errorClass()).isNull();
            assertThat(event.timeToFirstTokenMs()).isNotNull();

            List<CompletionReply> stream = replies.drain(Duration.ofMillis(500)).stream()
                    .filter(TopicReader.replyTo(request.requestId()))
                    .map(record -> read(record.value()))
                    .toList();
            assertThat(stream).as("nobody reads a cut-off stream's end").noneMatch(CompletionReply::isFinal);
            assertThat(stream).hasSizeLessThan(300);
        }
    }

    @Test
    void providerWithoutKeyAnswersAtOnceWithAnAuthError() throws Exception {
        CompletionRequest request = new CompletionRequest("req-" + UUID.randomUUID(), 1, "deepseek", "deepseek-chat",
                System.currentTimeMillis() + 30_000, "key-test", request("echo", "hi", 0).body());
        send(request, Topics.requests("deepseek"));

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            CompletionReply reply = read(replies.await(TopicReader.replyTo(request.requestId()), WAIT).value());
            assertThat(reply.error().errorClass()).isEqualTo(ErrorClass.AUTH);
            assertThat(reply.error().message()).contains("deepseek").contains("no API key");
        }
    }

    @Test
    void modelListOfAServedProviderAndA404ForOthers() {
        given()
                .when().get("/providers")
                .then()
                .statusCode(401)
                .body("error.code", is("invalid_api_key"));
        given()
                .header("Authorization", "Bearer test-ops-key")
                .when().get("/providers/mock/models")
                .then()
                .statusCode(200)
                .body("object", is("list"))
                .body("data.id", contains("echo", "loopback", "embed"));
        given()
                .header("Authorization", "Bearer test-ops-key")
                .when().get("/providers/nowhere/models")
                .then()
                .statusCode(404)
                .body("error.code", is("provider_not_served"));
        given()
                .header("Authorization", "Bearer test-ops-key")
                .when().get("/providers")
                .then()
                .statusCode(200)
                .body("find { it.provider == 'mock' }.state", is("up"))
                .body("find { it.provider == 'deepseek' }.state", is("disabled"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200);
        given()
                .port(management.getPort())
                .when().get("/q/metrics")
                .then()
                .statusCode(200);
        given()
                .when().get("/q/health/ready")
                .then()
                .statusCode(404);
        given()
                .when().get("/q/metrics")
                .then()
                .statusCode(404);
    }

    /** A call made with the managed key {@code key-test}, named {@code checkout}, as its router attributes it. */
    private CompletionRequest managedKeyRequest(String model, String prompt) {
        CompletionRequest request = request(model, prompt, 30_000);
        return new CompletionRequest(request.requestId(), 1, "mock", model, request.deadlineEpochMs(), "key-test",
                Operation.CHAT, Dialect.OPENAI, request.body(), null, null,
                new Attribution("checkout", null, null, null, null, null, null, null));
    }

    /** A call made with the static key {@code key-test}, which has no attribution. */
    private CompletionRequest request(String model, String prompt, long deadlineFromNowMs) {
        ObjectNode body = mapper.createObjectNode().put("model", "mock/" + model);
        body.putArray("messages")
                .add(mapper.createObjectNode().put("role", "system").put("content", "be brief"))
                .add(mapper.createObjectNode().put("role", "user").put("content", prompt));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, "mock", model,
                System.currentTimeMillis() + deadlineFromNowMs, "key-test", body);
    }

    private CompletionReply read(String json) {
        try {
            return mapper.readValue(json, CompletionReply.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void sendCancel(CompletionCancel cancel) throws Exception {
        producer.send(RouterRecords.cancel(mapper, Topics.requests("mock"), cancel)).get(10, TimeUnit.SECONDS);
    }

    private void send(CompletionRequest request) throws Exception {
        send(request, Topics.requests("mock"));
    }

    private void send(CompletionRequest request, String topic) throws Exception {
        send(request, topic, null);
    }

    private void send(CompletionRequest request, String topic, String traceparent) throws Exception {
        ProducerRecord<String, String> record = RouterRecords.request(mapper, topic, request, REPLY_PARTITION, null);
        if (traceparent != null) {
            record.headers().add(MessageHeaders.TRACEPARENT, MessageHeaders.encode(traceparent));
        }
        producer.send(record).get(10, TimeUnit.SECONDS);
    }
}

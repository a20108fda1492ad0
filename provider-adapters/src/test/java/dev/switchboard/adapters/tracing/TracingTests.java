package dev.switchboard.adapters.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.ReceivedSpan;
import dev.switchboard.local.testing.OtlpTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * With an OTLP endpoint set, the adapter continues the router's trace from the request's {@code traceparent}: a consumer
 * span for its handling, the provider call as a GenAI client span under it, and the same trace on every reply and on
 * the usage event, which also says where the attempt's time went.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 7;
    private static final String TOPIC = Topics.requests("openai-compatible");

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
    void aPlainCallContinuesTheRoutersTraceDownToTheProviderCall() throws Exception {
        String traceId = hex(32);
        String routerSpan = hex(16);
        CompletionRequest request = request("gpt-4o-mini", false);
        send(request, traceId, routerSpan);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            ConsumerRecord<String, String> reply = replies.await(TopicReader.keyed(request.requestId()), WAIT);
            ConsumerRecord<String, String> usageRecord = usage.await(TopicReader.keyed(request.requestId()), WAIT);
            UsageEvent event = mapper.readValue(usageRecord.value(), UsageEvent.class);

            ReceivedSpan consumer = awaitSpan(traceId, "process " + TOPIC);
            ReceivedSpan call = awaitSpan(traceId, "chat gpt-4o-mini");
            assertThat(consumer.parentSpanId()).isEqualTo(routerSpan);
            assertThat(consumer.kind()).isEqualTo("CONSUMER");
            assertThat(consumer.service()).isEqualTo("provider-adapters");
            assertThat(consumer.attribute("messaging.system")).isEqualTo("kafka");
            assertThat(consumer.attribute("messaging.destination.name")).isEqualTo(TOPIC);
            assertThat(call.isChildOf(consumer)).isTrue();
            assertThat(call.kind()).isEqualTo("CLIENT");
            assertThat(call.attributes()).containsEntry("gen_ai.operation.name", "chat")
                    .containsEntry("gen_ai.provider.name", "openai-compatible")
                    .containsEntry("gen_ai.request.model", "gpt-4o-mini")
                    .containsEntry("gen_ai.request.max_tokens", 64L)
                    .containsEntry("gen_ai.request.temperature", 0.2)
                    .containsEntry("gen_ai.response.id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT")
                    .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                    .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                    .containsEntry("gen_ai.usage.input_tokens", 19L)
                    .containsEntry("gen_ai.usage.output_tokens", 10L)
                    .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages", "error.type");

            assertThat(traceparent(reply)).isEqualTo("00-" + traceId + "-" + consumer.spanId() + "-01");
            assertThat(traceparent(usageRecord)).startsWith("00-" + traceId + "-");
            assertThat(event.traceId()).isEqualTo(traceId);
            assertThat(event.timings().routerMs()).isEqualTo(7L);
            assertThat(event.timings().toAdapterMs()).isNotNull().isNotNegative();
            assertThat(event.timings().connectMs()).isNotNull().isNotNegative();
            assertThat(event.timings().firstTokenMs()).isNotNull().isNotNegative();
            assertThat(event.timings().lastTokenMs()).isNotNull().isGreaterThanOrEqualTo(event.timings().firstTokenMs());
            assertThat(event.timings().backMs()).isNotNull().isNotNegative();
            assertThat(event.bodies()).isNull();
            assertThat(event.requestLog()).isEqualTo(RequestLogLevel.METADATA);
        }
    }

    @Test
    void theRequestLogLevelReachesTheUsageEventWhichCarriesBodiesOnlyWhenFull() throws Exception {
        CompletionRequest full = request("gpt-4o-mini", false);
        CompletionRequest off = request("gpt-4o-mini", false);
        send(full, hex(32), hex(16), RequestLogLevel.FULL);
        send(off, hex(32), hex(16), RequestLogLevel.OFF);

        try (TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            UsageEvent fullEvent = mapper.readValue(usage.await(TopicReader.keyed(full.requestId()), WAIT).value(),
                    UsageEvent.class);
            UsageEvent offEvent = mapper.readValue(usage.await(TopicReader.keyed(off.requestId()), WAIT).value(),
                    UsageEvent.class);
            assertThat(fullEvent.requestLog()).isEqualTo(RequestLogLevel.FULL);
            assertThat(fullEvent.bodies().request().at("/messages/0/content").asText()).isEqualTo("hello");
            assertThat(fullEvent.bodies().response().path("id").asText()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
            assertThat(offEvent.requestLog()).isEqualTo(RequestLogLevel.OFF);
            assertThat(offEvent.bodies()).isNull();
        }
    }

    @Test
    void everyChunkOfAStreamCarriesTheTraceAndTheSpanReadsTheStream() throws Exception {
        String traceId = hex(32);
        CompletionRequest request = request("gpt-4o-mini", true);
        send(request, traceId, hex(16));

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            ConsumerRecord<String, String> last = replies.await(record -> request.requestId().equals(record.key())
                    && read(record.value()).isFinal(), WAIT);
            ReceivedSpan consumer = awaitSpan(traceId, "process " + TOPIC);
            ReceivedSpan call = awaitSpan(traceId, "chat gpt-4o-mini");

            assertThat(traceparent(last)).isEqualTo("00-" + traceId + "-" + consumer.spanId() + "-01");
            assertThat(call.attributes()).containsEntry("gen_ai.request.stream", true)
                    .containsEntry("gen_ai.response.id", "chatcmpl-123")
                    .containsEntry("gen_ai.response.model", "gpt-4o-mini")
                    .containsEntry("gen_ai.response.finish_reasons", List.of("stop"));
        }
    }

    @Test
    void aFailedProviderCallIsAnErrorSpanWithItsClass() throws Exception {
        String traceId = hex(32);
        CompletionRequest request = request("busy", false);
        send(request, traceId, hex(16));

        ReceivedSpan call = awaitSpan(traceId, "chat busy");

        assertThat(call.status()).isEqualTo("ERROR");
        assertThat(call.attributes()).containsEntry("error.type", "rate_limited")
                .containsEntry("switchboard.outcome", "error");
    }

    private static ReceivedSpan awaitSpan(String traceId, String name) {
        return await().atMost(WAIT).until(() -> OtlpTestResource.receiver().trace(traceId).stream()
                .filter(span -> span.name().equals(name)).findFirst(), found -> found.isPresent()).get();
    }

    private CompletionRequest request(String model, boolean stream) {
        ObjectNode body = mapper.createObjectNode().put("model", "openai-compatible/" + model).put("max_tokens", 64)
                .put("temperature", 0.2).put("stream", stream);
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", "hello"));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, "openai-compatible", model,
                System.currentTimeMillis() + 30_000, "key-test", body);
    }

    private void send(CompletionRequest request, String traceId, String parentSpan) throws Exception {
        send(request, traceId, parentSpan, null);
    }

    private void send(CompletionRequest request, String traceId, String parentSpan, RequestLogLevel log)
            throws Exception {
        ProducerRecord<String, String> record = RouterRecords.request(mapper, TOPIC, request, REPLY_PARTITION, null);
        record.headers()
                .add(MessageHeaders.TRACEPARENT, MessageHeaders.encode("00-" + traceId + "-" + parentSpan + "-01"))
                .add(MessageHeaders.SENT_AT, MessageHeaders.encode(System.currentTimeMillis()))
                .add(MessageHeaders.ROUTER_MS, MessageHeaders.encode(7));
        if (log != null) {
            record.headers().add(MessageHeaders.REQUEST_LOG, MessageHeaders.encode(log.wireName()));
        }
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private CompletionReply read(String json) {
        try {
            return mapper.readValue(json, CompletionReply.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(MessageHeaders.TRACEPARENT);
        return header == null ? null : MessageHeaders.decode(header.value());
    }

    private static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, digits);
    }
}

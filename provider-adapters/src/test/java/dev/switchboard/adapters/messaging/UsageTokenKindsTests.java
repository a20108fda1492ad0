package dev.switchboard.adapters.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.ProviderStubResource;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/** Every kind of token a provider reports reaches the usage event, and a stream counts its tokens unasked. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ProviderStubResource.class, restrictToAnnotatedClass = true)
class UsageTokenKindsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 3;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void anthropicCacheWritesAndTheirOneHourPartReachTheUsageEvent() throws Exception {
        CompletionRequest request = request("anthropic", "claude-sonnet-5-5", false);

        UsageEvent event = sendAndAwaitUsage(request);

        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.inputTokens()).as("input, cache reads and cache writes together").isEqualTo(3012);
        assertThat(event.cacheWriteTokens()).isEqualTo(3000);
        assertThat(event.cacheWrite1hTokens()).isEqualTo(2000);
        assertThat(event.cachedInputTokens()).isZero();
        assertThat(event.outputTokens()).isEqualTo(14);
    }

    @Test
    void aStreamTheClientAskedNoUsageOfStillCountsCachedAndReasoningTokens() throws Exception {
        CompletionRequest request = request("openai", "gpt-5.4-mini", true);

        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION)) {
            UsageEvent event = sendAndAwaitUsage(request);
            List<CompletionReply> stream = replies.drain(Duration.ofSeconds(2)).stream()
                    .filter(TopicReader.keyed(request.requestId()))
                    .map(record -> read(record.value()))
                    .toList();

            assertThat(event.inputTokens()).isEqualTo(1200);
            assertThat(event.cachedInputTokens()).isEqualTo(1024);
            assertThat(event.outputTokens()).isEqualTo(90);
            assertThat(event.reasoningTokens()).isEqualTo(64);
            assertThat(stream).isNotEmpty().allSatisfy(reply -> assertThat(reply.chunk() == null
                    || !reply.chunk().hasNonNull("usage")).as("no usage chunk for a client that did not ask").isTrue());
        }
        ProviderStubResource.server().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    }

    private UsageEvent sendAndAwaitUsage(CompletionRequest request) throws Exception {
        try (TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                        new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.requests(request.provider()), 0,
                    request.requestId(), mapper.writeValueAsString(request));
            record.headers()
                    .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(request.requestId()))
                    .add(MessageHeaders.REPLY_PARTITION, MessageHeaders.encode(REPLY_PARTITION))
                    .add(MessageHeaders.DEADLINE, MessageHeaders.encode(request.deadlineEpochMs()))
                    .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
            producer.send(record).get(10, TimeUnit.SECONDS);
            return mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(), UsageEvent.class);
        }
    }

    private CompletionRequest request(String provider, String model, boolean stream) {
        ObjectNode body = mapper.createObjectNode().put("model", provider + "/" + model).put("max_tokens", 100);
        if (stream) {
            body.put("stream", true);
        }
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", "notice period?"));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model, System.currentTimeMillis() + 30_000,
                "key-test", body);
    }

    private CompletionReply read(String json) {
        try {
            return mapper.readValue(json, CompletionReply.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

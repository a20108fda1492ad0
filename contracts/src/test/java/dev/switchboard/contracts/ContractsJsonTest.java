package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ContractsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void errorClassesTravelInTheirDocumentedWireNames() throws Exception {
        var request = new CompletionRequest("req-1", 1, "mock", "echo", 42L, "key-1", MAPPER.createObjectNode());
        var reply = CompletionReply.failure(request, new ReplyError(ErrorClass.RATE_LIMITED, 429, "slow down", 1500L));

        var json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(reply));

        assertThat(json.at("/error/errorClass").asText()).isEqualTo("rate_limited");
        assertThat(json.at("/error/retryAfterMs").asLong()).isEqualTo(1500L);
        assertThat(MAPPER.treeToValue(json, CompletionReply.class)).isEqualTo(reply);
    }

    @Test
    void streamChunksAreNumberedAndTheLastOneEndsTheReply() throws Exception {
        var request = new CompletionRequest("req-3", 1, "mock", "echo", 42L, "key-1", MAPPER.createObjectNode());
        var first = CompletionReply.chunk(request, 0, MAPPER.createObjectNode().put("object", "chat.completion.chunk"), false,
                List.of("seed"));
        var last = CompletionReply.chunk(request, 1, MAPPER.createObjectNode().put("object", "chat.completion.chunk"), true,
                null);

        var json = MAPPER.readTree(MAPPER.writeValueAsString(first));

        assertThat(json.has("completion")).isFalse();
        assertThat(json.get("sequence").asInt()).isZero();
        assertThat(MAPPER.treeToValue(json, CompletionReply.class)).isEqualTo(first);
        assertThat(first.isFinal()).isFalse();
        assertThat(last.isFinal()).isTrue();
        assertThat(CompletionReply.success(request, MAPPER.createObjectNode()).isFinal()).isTrue();
    }

    @Test
    void usageEventRoundTripsWithAnIsoTimestamp() throws Exception {
        var event = UsageEvent.builder("req-2", 2).timestamp(Instant.parse("2026-11-22T10:15:30.123Z")).provider("mock")
                .model("echo").outcome(Outcome.EXPIRED).apiKeyId("key-1").build();

        String json = MAPPER.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(event);

        assertThat(json).contains("\"outcome\":\"expired\"").contains("\"timestamp\":\"2026-11-22T10:15:30.123Z\"");
        assertThat(MAPPER.readValue(json, UsageEvent.class)).isEqualTo(event);
    }

    @Test
    void theServicesReadUsageRecordsWithoutTheStrictMappersSearchForRepeatedKeys() throws Exception {
        ObjectMapper strict = JsonMapper.builder().findAndAddModules().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        String repeated = "{\"requestId\":\"req-1\",\"requestId\":\"req-2\",\"attempt\":1}";

        assertThatThrownBy(() -> strict.readValue(repeated, UsageEvent.class)).isInstanceOf(JsonProcessingException.class);
        UsageEvent event = ServiceJson.reading(strict).readValue(repeated, UsageEvent.class);
        assertThat(event.requestId()).isEqualTo("req-2");
    }

    @Test
    void theServicesReadEachOthersRecordsWithTheMappersModulesButWithoutItsSearchForRepeatedKeys() throws Exception {
        ObjectMapper strict = JsonMapper.builder().findAndAddModules().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        String reply = "{\"requestId\":\"req-1\",\"requestId\":\"req-2\",\"attempt\":1,\"last\":true,"
                + "\"completion\":{\"id\":\"a\",\"id\":\"b\"}}";

        assertThatThrownBy(() -> strict.readValue(reply, CompletionReply.class)).isInstanceOf(JsonProcessingException.class);
        ObjectMapper reading = ServiceJson.reading(strict);
        CompletionReply read = reading.readValue(reply, CompletionReply.class);
        assertThat(read.requestId()).isEqualTo("req-2");
        assertThat(read.completion().path("id").asText()).isEqualTo("b");
        assertThat(reading.readValue("\"2026-12-07T20:00:00Z\"", Instant.class))
                .as("the mapper's modules come along").isEqualTo(Instant.parse("2026-12-07T20:00:00Z"));
        assertThatThrownBy(() -> strict.readValue(reply, CompletionReply.class))
                .as("the mapper it was copied from stays strict").isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void usageEventCarriesItsTraceTimingsAndLoggedBodies() throws Exception {
        var event = UsageEvent.builder("req-6", 1).timestamp(Instant.parse("2026-12-04T10:00:00Z")).provider("openai")
                .model("gpt-4o-mini").outcome(Outcome.SUCCESS).traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .timings(new AttemptTimings(1L, 2L, 0L, 40L, 90L, null).withBackMs(3L))
                .bodies(new LoggedBodies(MAPPER.createObjectNode().put("model", "gpt-4o-mini"), null))
                .requestLog(RequestLogLevel.FULL).build();

        var json = MAPPER.readTree(MAPPER.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(event));

        assertThat(json.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.at("/timings/backMs").asLong()).isEqualTo(3L);
        assertThat(json.at("/timings/lastTokenMs").asLong()).isEqualTo(90L);
        assertThat(json.at("/bodies/request/model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(json.get("requestLog").asText()).isEqualTo("full");
        assertThat(MAPPER.treeToValue(json, UsageEvent.class)).isEqualTo(event);
        assertThat(event.toBuilder().build()).isEqualTo(event);
    }

    @Test
    void anOlderUsageEventReadsWithoutTraceTimingsOrBodies() throws Exception {
        String older = """
                {"requestId":"req-7","attempt":1,"timestamp":"2026-12-04T10:00:00Z","provider":"mock","model":"echo",
                 "outcome":"success","latencyMs":5,"inputTokens":1,"outputTokens":1,"cachedInputTokens":0}""";

        UsageEvent event = MAPPER.readValue(older, UsageEvent.class);

        assertThat(event.traceId()).isNull();
        assertThat(event.timings()).isNull();
        assertThat(event.bodies()).isNull();
        assertThat(event.requestLog()).isNull();
    }

    @Test
    void aRequestLogHeaderNamesItsLevelAndAnythingElseIsMetadata() {
        assertThat(RequestLogLevel.fromHeader("off")).isEqualTo(RequestLogLevel.OFF);
        assertThat(RequestLogLevel.fromHeader("full")).isEqualTo(RequestLogLevel.FULL);
        assertThat(RequestLogLevel.fromHeader(null)).isEqualTo(RequestLogLevel.METADATA);
        assertThat(RequestLogLevel.fromHeader("verbose")).isEqualTo(RequestLogLevel.METADATA);
    }

    @Test
    void aTraceparentNamesItsTraceId() {
        assertThat(MessageHeaders.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MessageHeaders.traceId(null)).isNull();
        assertThat(MessageHeaders.traceId("garbage")).isNull();
        assertThat(MessageHeaders.traceId("00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01")).isNull();
    }

    @Test
    void cancelAndItsOutcomeTravelAsDocumented() throws Exception {
        var cancel = new CompletionCancel("req-4", 2);
        var event = UsageEvent.builder("req-4", 2).timestamp(Instant.parse("2026-11-23T04:00:00Z")).provider("openai")
                .model("gpt-4o-mini").outcome(Outcome.CANCELLED).latencyMs(1200).timeToFirstTokenMs(300L)
                .apiKeyId("key-1").build();

        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(cancel)).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("requestId", "attempt");
        assertThat(MAPPER.readValue("{\"requestId\":\"req-4\",\"attempt\":2}", CompletionCancel.class)).isEqualTo(cancel);
        assertThat(MAPPER.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(event))
                .contains("\"outcome\":\"cancelled\"");
        assertThat(MessageHeaders.KIND_CANCEL).isEqualTo("cancel");
    }

    @Test
    void aVersionOneRequestIsAChatFromAnOpenAiCaller() throws Exception {
        String v1 = """
                {"requestId":"req-5","attempt":1,"provider":"mock","model":"echo","deadlineEpochMs":42,"apiKeyId":"key-1",
                 "body":{"model":"mock/echo","messages":[]},"route":null}
                """;

        var request = MAPPER.readValue(v1, CompletionRequest.class);

        assertThat(request.operation()).isEqualTo(Operation.CHAT);
        assertThat(request.dialect()).isEqualTo(Dialect.OPENAI);
        assertThat(request.forwardHeaders()).isNull();
        assertThat(request.body().get("model").asText()).isEqualTo("mock/echo");
    }

    @Test
    void aVersionTwoRequestCarriesItsOperationDialectAndForwardedHeaders() throws Exception {
        var request = new CompletionRequest("req-6", 1, "anthropic", "claude", 42L, "key-1", Operation.MESSAGES,
                Dialect.ANTHROPIC, MAPPER.createObjectNode().put("max_tokens", 10),
                Map.of("anthropic-beta", "future-flag-2031"), null);

        var json = MAPPER.readTree(MAPPER.writeValueAsString(request));

        assertThat(json.get("operation").asText()).isEqualTo("messages");
        assertThat(json.get("dialect").asText()).isEqualTo("anthropic");
        assertThat(json.at("/forwardHeaders/anthropic-beta").asText()).isEqualTo("future-flag-2031");
        assertThat(MAPPER.treeToValue(json, CompletionRequest.class)).isEqualTo(request);
    }

    @Test
    void namedStreamEventsTravelWithTheirNameAndChatChunksReadAsInVersionOne() throws Exception {
        var messages = new CompletionRequest("req-7", 1, "anthropic", "claude", 42L, "key-1", Operation.MESSAGES,
                Dialect.ANTHROPIC, MAPPER.createObjectNode(), null, null);
        var chat = new CompletionRequest("req-8", 1, "mock", "echo", 42L, "key-1", MAPPER.createObjectNode());

        var event = CompletionReply.chunk(messages, 0, MAPPER.createObjectNode().put("type", "message_start"), false, null);
        var chunk = CompletionReply.chunk(chat, 0, MAPPER.createObjectNode().put("object", "chat.completion.chunk"), false,
                null);

        assertThat(event.eventType()).isEqualTo("message_start");
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(event), CompletionReply.class)).isEqualTo(event);
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(chunk)).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("requestId", "attempt", "provider", "model", "sequence", "chunk", "last");
    }

    @Test
    void usageEventsOfOlderProducersAreChatAndTheRequestFillsTheBuilder() throws Exception {
        var request = new CompletionRequest("req-9", 3, "openai", "text-embedding-3-small", 42L, "key-9",
                Operation.EMBEDDINGS, Dialect.OPENAI, MAPPER.createObjectNode(), null, null);
        var event = UsageEvent.builder(request).outcome(Outcome.SUCCESS).tokens(7, 0, 0).build();
        String v1 = """
                {"requestId":"req-10","attempt":1,"timestamp":"2026-11-22T10:15:30Z","provider":"mock","model":"echo",
                 "outcome":"success","latencyMs":3,"inputTokens":1,"outputTokens":2,"cachedInputTokens":0}
                """;

        assertThat(event.operation()).isEqualTo(Operation.EMBEDDINGS);
        assertThat(event.requestId()).isEqualTo("req-9");
        assertThat(event.attempt()).isEqualTo(3);
        assertThat(event.apiKeyId()).isEqualTo("key-9");
        assertThat(event.toBuilder().build()).isEqualTo(event);
        assertThat(MAPPER.readValue(v1, UsageEvent.class).operation()).isEqualTo(Operation.CHAT);
    }

    @Test
    void usageEventsCarryEveryKindOfTokenAndOlderOnesReadThemAsZero() throws Exception {
        var event = UsageEvent.builder("req-11", 1).outcome(Outcome.SUCCESS).tokens(3000, 120, 500)
                .reasoningTokens(80).cacheWriteTokens(2000, 1500).build();
        String withoutKinds = """
                {"requestId":"req-12","attempt":1,"timestamp":"2026-11-22T10:15:30Z","provider":"anthropic",
                 "model":"claude-haiku-5-5","operation":"chat","outcome":"success","latencyMs":3,"inputTokens":10,
                 "outputTokens":2,"cachedInputTokens":4}
                """;

        UsageEvent read = MAPPER.readValue(MAPPER.writeValueAsString(event), UsageEvent.class);
        assertThat(read).isEqualTo(event);
        assertThat(read.reasoningTokens()).isEqualTo(80);
        assertThat(read.cacheWriteTokens()).isEqualTo(2000);
        assertThat(read.cacheWrite1hTokens()).isEqualTo(1500);
        assertThat(event.toBuilder().build()).isEqualTo(event);
        UsageEvent older = MAPPER.readValue(withoutKinds, UsageEvent.class);
        assertThat(older.cachedInputTokens()).isEqualTo(4);
        assertThat(older.reasoningTokens()).isZero();
        assertThat(older.cacheWriteTokens()).isZero();
        assertThat(older.cacheWrite1hTokens()).isZero();
    }

    @Test
    void schemaHeadersAreReadWithVersionOneForAMissingHeader() {
        assertThat(MessageHeaders.SCHEMA_VERSION).isEqualTo("3");
        assertThat(MessageHeaders.schemaVersion(null)).isEqualTo(1);
        assertThat(MessageHeaders.readable(MessageHeaders.schemaVersion("1"))).isTrue();
        assertThat(MessageHeaders.readable(MessageHeaders.schemaVersion("2"))).isTrue();
        assertThat(MessageHeaders.readable(MessageHeaders.schemaVersion("3"))).isTrue();
        assertThat(MessageHeaders.readable(MessageHeaders.schemaVersion("4"))).isFalse();
        assertThat(MessageHeaders.readable(MessageHeaders.schemaVersion("two"))).isFalse();
    }

    @Test
    void everyKnownProviderHasARequestTopic() {
        assertThat(Topics.all()).extracting(TopicSpec::name)
                .contains(Topics.REPLIES, Topics.USAGE, Topics.USAGE_DLQ, Topics.MODELS, Topics.ADAPTERS,
                        Topics.ROUTERS)
                .containsAll(Providers.KNOWN.stream().map(Topics::requests).toList());
        assertThat(ErrorClass.RATE_LIMITED.retryable()).isTrue();
        assertThat(ErrorClass.BAD_REQUEST.retryable()).isFalse();
    }

    @Test
    void acknowledgementsAnnouncementsAndTheQueueWaitRoundTrip() throws Exception {
        CompletionAck ack = new CompletionAck("req-1", 2, "adapters-7f", 12);
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(ack), CompletionAck.class)).isEqualTo(ack);
        AdapterAnnouncement announcement = new AdapterAnnouncement("openai", "adapters-7f", false, true, false,
                "the configured key does not have the shape of a openai key", Instant.parse("2026-12-04T10:00:00Z"),
                15_000);
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(announcement), AdapterAnnouncement.class))
                .isEqualTo(announcement);
        assertThat(announcement.key()).isEqualTo("openai/adapters-7f");
        UsageEvent event = UsageEvent.builder("req-1", 1).queuedMs(12L).errorClass(ErrorClass.STREAM_CUT).build();
        String json = MAPPER.writeValueAsString(event);
        assertThat(json).contains("\"queuedMs\":12").contains("\"errorClass\":\"stream_cut\"");
        assertThat(MAPPER.readValue(json, UsageEvent.class)).isEqualTo(event);
        assertThat(event.toBuilder().build()).isEqualTo(event);
    }

    @Test
    void aRouterReplicaIsGoneOnceItsAnnouncementLapsedOrItSaidGoodbyeAndNotBeforeItWasRead() throws Exception {
        RouterAnnouncement live = new RouterAnnouncement("router-a:8080/m1x2", Instant.parse("2026-12-05T08:00:00Z"),
                15_000);
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(live), RouterAnnouncement.class)).isEqualTo(live);
        Heartbeats<RouterAnnouncement> routers = new Heartbeats<>();
        long now = System.currentTimeMillis();
        routers.accept("a", live, 15_000, now);
        routers.accept("b", live, 15_000, now - 16_000);
        routers.accept("c", live, 15_000, now);
        routers.accept("c", null, 0, now);

        assertThat(routers.isGone("a")).as("announced within its TTL").isFalse();
        assertThat(routers.isGone("b")).as("its TTL ran out").isTrue();
        assertThat(routers.isGone("c")).as("it said goodbye").isTrue();
        assertThat(routers.isGone("d")).as("never read: its first announcement may be on its way").isFalse();
        assertThat(routers.live()).containsExactly(live);
    }

    @Test
    void aProviderIsServedWhileALiveInstanceThatCanCallItIsAnnounced() {
        Heartbeats<AdapterAnnouncement> heartbeats = new Heartbeats<>();
        AnnouncedAdapters adapters = new AnnouncedAdapters(heartbeats);
        long now = System.currentTimeMillis();
        accept(heartbeats, "openai/a", announcement("openai", "a", true, 15_000), now);
        accept(heartbeats, "openai/b", announcement("openai", "b", false, 15_000), now);
        accept(heartbeats, "groq/a", announcement("groq", "a", true, 15_000), now - 20_000);
        accept(heartbeats, "mistral/a", announcement("mistral", "a", false, 15_000), now);

        assertThat(adapters.isServed("openai")).isTrue();
        assertThat(adapters.status("openai")).isEqualTo(new AnnouncedAdapters.Status(true, 1, null));
        assertThat(adapters.isServed("groq")).as("an announcement past its TTL").isFalse();
        assertThat(adapters.isServed("mistral")).as("announced without a usable key").isFalse();
        assertThat(adapters.status("mistral").reason()).contains("cannot call it: no key");
        assertThat(adapters.status("deepseek").reason()).isEqualTo(AnnouncedAdapters.NOBODY);

        accept(heartbeats, "openai/a", null, now);
        assertThat(adapters.isServed("openai")).as("after the tombstone").isFalse();
        accept(heartbeats, "groq/a", announcement("groq", "a", true, 15_000), now + 60_000);
        assertThat(adapters.isServed("groq")).as("a timestamp ahead of the reader's clock counts from now").isTrue();
    }

    @Test
    void announcementsDoNotAgeWhileTheReaderCannotReadTheTopic() {
        Heartbeats<AdapterAnnouncement> heartbeats = new Heartbeats<>();
        AnnouncedAdapters adapters = new AnnouncedAdapters(heartbeats);
        long now = System.currentTimeMillis();
        accept(heartbeats, "openai/a", announcement("openai", "a", true, 15_000), now - 14_000);
        heartbeats.readerStalled(now - 10_000);

        assertThat(adapters.isServed("openai")).as("judged when the reader stalled, with 5 s of it left").isTrue();
        heartbeats.readerReading();
        assertThat(adapters.isServed("openai")).as("what was left when the reader stalled is left now").isTrue();

        accept(heartbeats, "openai/a", announcement("openai", "a", true, 15_000), now - 14_000);
        assertThat(adapters.isServed("openai")).as("a late record of the same instance cannot shorten it").isTrue();
        accept(heartbeats, "groq/a", announcement("groq", "a", true, 15_000), now - 16_000);
        assertThat(adapters.isServed("groq")).as("one read while reading ages as before").isFalse();
    }

    private static void accept(Heartbeats<AdapterAnnouncement> heartbeats, String key, AdapterAnnouncement announcement,
            long timestampMs) {
        heartbeats.accept(key, announcement, announcement == null ? 0 : announcement.ttlMs(), timestampMs);
    }

    private static AdapterAnnouncement announcement(String provider, String instance, boolean usable, long ttlMs) {
        return new AdapterAnnouncement(provider, instance, usable, usable, true, usable ? null : "no key", Instant.now(),
                ttlMs);
    }
}

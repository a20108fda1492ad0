package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        var event = new UsageEvent("req-2", 2, Instant.parse("2026-11-22T10:15:30.123Z"), "mock", "echo", Outcome.EXPIRED,
                null, null, 0, null, 0, 0, 0, "key-1");

        String json = MAPPER.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(event);

        assertThat(json).contains("\"outcome\":\"expired\"").contains("\"timestamp\":\"2026-11-22T10:15:30.123Z\"");
        assertThat(MAPPER.readValue(json, UsageEvent.class)).isEqualTo(event);
    }

    @Test
    void cancelAndItsOutcomeTravelAsDocumented() throws Exception {
        var cancel = new CompletionCancel("req-4", 2);
        var event = new UsageEvent("req-4", 2, Instant.parse("2026-11-23T04:00:00Z"), "openai", "gpt-4o-mini",
                Outcome.CANCELLED, null, null, 1200, 300L, 0, 0, 0, "key-1");

        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(cancel)).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("requestId", "attempt");
        assertThat(MAPPER.readValue("{\"requestId\":\"req-4\",\"attempt\":2}", CompletionCancel.class)).isEqualTo(cancel);
        assertThat(MAPPER.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(event))
                .contains("\"outcome\":\"cancelled\"");
        assertThat(MessageHeaders.KIND_CANCEL).isEqualTo("cancel");
    }

    @Test
    void everyKnownProviderHasARequestTopic() {
        assertThat(Topics.all()).extracting(TopicSpec::name)
                .contains(Topics.REPLIES, Topics.USAGE, Topics.USAGE_DLQ, Topics.MODELS)
                .containsAll(Providers.KNOWN.stream().map(Topics::requests).toList());
        assertThat(ErrorClass.RATE_LIMITED.retryable()).isTrue();
        assertThat(ErrorClass.BAD_REQUEST.retryable()).isFalse();
    }
}

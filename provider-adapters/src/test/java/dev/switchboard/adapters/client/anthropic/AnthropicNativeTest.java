package dev.switchboard.adapters.client.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.fixture;
import static dev.switchboard.adapters.client.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;

/** Anthropic's Messages API for callers that speak it: nothing added, nothing lost, both ways. */
class AnthropicNativeTest {

    private static final String KEY = "sk-ant-api03-test0123456789abcdefghij";
    private static final String MODEL = "claude-haiku-4-5-20251001";
    /** A field and a beta flag no Anthropic API has today. */
    private static final String BODY = """
            {"model":"anthropic/claude-haiku-4-5","max_tokens":256,"models":["openai/gpt-4o-mini"],
             "messages":[{"role":"user","content":"When is low tide?"}],
             "chronology":{"direction":"backwards"},"thinking":{"type":"enabled","budget_tokens":1024}}""";
    private static final String FUTURE_BETA = "time-travel-2099-01-01";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void theBodyUnknownFieldsAndBetaHeadersReachAnthropicAndItsMessageComesBackAsSent() {
        stub.server().stubFor(post("/v1/messages").willReturn(okJson(fixture("anthropic/message-text.json"))));

        ProviderResponse response = client().messages(request(Operation.MESSAGES, BODY)).await().atMost(WAIT);

        JsonNode sent = json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
        JsonNode expected = json(BODY);
        ((ObjectNode) expected).put("model", MODEL);
        ((ObjectNode) expected).remove("models");
        assertThat(sent).as("only the model id changes, and the gateway's fallback list stays home").isEqualTo(expected);
        stub.server().verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("anthropic-beta", equalTo(FUTURE_BETA))
                .withHeader("authorization", absent()));
        assertThat(response.completion()).isEqualTo(json(fixture("anthropic/message-text.json")));
        assertThat(response.tokens()).isEqualTo(new TokenUsage(125, 15, 100, 0, 4, 0));
    }

    @Test
    void everyEventComesBackAsSentPingsIncluded() {
        stub.server().stubFor(post("/v1/messages").willReturn(sse("anthropic/stream-text.sse")));

        List<ObjectNode> events = client().streamMessages(request(Operation.MESSAGES, streamed(BODY)))
                .collect().asList().await().atMost(WAIT);

        assertThat(events).extracting(event -> event.path("type").asText()).containsExactly("message_start",
                "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events.get(3)).isEqualTo(json("""
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Low tide"}}"""));
        assertThat(json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString()).path("stream")
                .asBoolean()).isTrue();
    }

    @Test
    void anErrorKeepsAnthropicsStatusAndBodyForTheCaller() {
        String body = fixture("anthropic/error-overloaded.json");
        stub.server().stubFor(post("/v1/messages").willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json").withBody(body)));

        assertThatThrownBy(() -> client().messages(request(Operation.MESSAGES, BODY)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, failure -> {
                    assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.OVERLOADED);
                    assertThat(failure.error().providerStatus()).isEqualTo(529);
                    assertThat(failure.error().providerBody()).isEqualTo(body);
                });
    }

    @Test
    void anErrorEventEndsTheStreamWithTheEventItself() {
        stub.server().stubFor(post("/v1/messages").willReturn(sse("anthropic/stream-error.sse")));

        List<ObjectNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> client().streamMessages(request(Operation.MESSAGES, streamed(BODY)))
                .onItem().invoke(seen::add).collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, failure -> {
                    assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.OVERLOADED);
                    assertThat(json(failure.error().providerBody())).isEqualTo(json("""
                            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"""));
                });
        assertThat(seen).hasSize(3);
    }

    @Test
    void countTokensAsksAnthropicsOwnEndpoint() {
        stub.server().stubFor(post("/v1/messages/count_tokens").willReturn(okJson("{\"input_tokens\":14}")));

        ProviderResponse response = client().countTokens(request(Operation.COUNT_TOKENS, """
                {"model":"anthropic/claude-haiku-4-5","messages":[{"role":"user","content":"When is low tide?"}]}"""))
                .await().atMost(WAIT);

        assertThat(response.completion()).isEqualTo(json("{\"input_tokens\":14}"));
        assertThat(response.tokens()).isEqualTo(TokenUsage.NONE);
        stub.server().verify(postRequestedFor(urlEqualTo("/v1/messages/count_tokens"))
                .withHeader("anthropic-beta", equalTo(FUTURE_BETA)));
    }

    private AnthropicClient client() {
        return new AnthropicClient(new Endpoint("anthropic", stub.baseUrl(), KEY, Duration.ofSeconds(5), List.of()),
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static CompletionRequest request(Operation operation, String body) {
        return new CompletionRequest("req-native", 1, "anthropic", MODEL, System.currentTimeMillis() + 60_000,
                "key-test", operation, Dialect.ANTHROPIC, (ObjectNode) json(body),
                Map.of("anthropic-beta", FUTURE_BETA, "anthropic-version", "2023-06-01"), null);
    }

    private static String streamed(String body) {
        return body.replace("\"max_tokens\":256,", "\"max_tokens\":256,\"stream\":true,");
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(fixture(fixture));
    }
}

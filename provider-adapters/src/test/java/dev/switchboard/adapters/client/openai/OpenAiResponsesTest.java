package dev.switchboard.adapters.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;

/**
 * OpenAI's Responses API ({@code POST /responses}) spoken natively by OpenAI and Azure OpenAI, against stubs of the
 * documented response object, event stream and errors.
 */
class OpenAiResponsesTest {

    private static final String KEY = "sk-test-0123456789abcdefghijklmnop";
    /** A continuation as the router sends it: the items as the caller wrote them, encrypted reasoning included. */
    private static final String BODY = """
            {"model":"openai/o4-mini","store":false,"include":["reasoning.encrypted_content"],
             "reasoning":{"effort":"medium"},"models":["anthropic/claude-sonnet-4-5"],"future_field":{"kept":true},
             "input":[{"type":"message","role":"user","content":"When is high tide in Brest?"},
                      {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB-opaque"},
                      {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_tide","arguments":"{}"},
                      {"type":"function_call_output","call_id":"call_1","output":"14:05"}]}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void itemsGoThroughUnchangedAndTheResponseComesBackAsSentWithItsTokens() {
        stub.server().stubFor(post("/v1/responses").willReturn(okJson(fixture("openai/response-reasoning.json"))));

        ProviderResponse response = openAi().responses(request("openai", "o4-mini", BODY)).await().atMost(WAIT);

        assertThat(response.completion()).isEqualTo(json(fixture("openai/response-reasoning.json")));
        assertThat(response.tokens()).isEqualTo(new TokenUsage(36, 87, 8, 64, 0, 0));
        JsonNode sent = sentBody("/v1/responses");
        JsonNode expected = json(BODY);
        assertThat(sent.get("input")).isEqualTo(expected.get("input"));
        assertThat(sent.get("include")).isEqualTo(expected.get("include"));
        assertThat(sent.get("future_field")).as("a field Switchboard does not know").isEqualTo(expected.get("future_field"));
        assertThat(sent.path("model").asText()).isEqualTo("o4-mini");
        assertThat(sent.path("store").asBoolean(true)).isFalse();
        assertThat(sent.has("models")).as("the gateway's fallback list stays in the gateway").isFalse();
        assertThat(sent.has("stream")).isFalse();
        stub.server().verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void aStreamsEventsComeBackOneByOneAsSent() {
        stub.server().stubFor(post("/v1/responses").willReturn(sse(fixture("openai/responses-stream.sse"))));

        List<ObjectNode> events = openAi().streamResponses(request("openai", "gpt-4.1", BODY)).collect().asList()
                .await().atMost(WAIT);

        assertThat(events).extracting(event -> event.path("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(events.get(4).path("delta").asText()).isEqualTo("Hi");
        assertThat(events.get(9).at("/response/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(sentBody("/v1/responses").path("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamCutBeforeItsFinalEventFails() {
        stub.server().stubFor(post("/v1/responses").willReturn(sse(fixture("openai/responses-stream-cut.sse"))));

        assertThatThrownBy(() -> openAi().streamResponses(request("openai", "gpt-4.1", BODY)).collect().asList()
                .await().atMost(WAIT))
                .isInstanceOf(ProviderException.class);
    }

    @Test
    void anErrorEventEndsTheStreamWithItsClass() {
        stub.server().stubFor(post("/v1/responses").willReturn(
                sse("""
                        event: response.created
                        data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}

                        event: error
                        data: {"type":"error","sequence_number":1,"code":"rate_limit_exceeded","message":"Slow down.","param":null}

                        """)));

        assertThatThrownBy(() -> openAi().streamResponses(request("openai", "gpt-4.1", BODY)).collect().asList()
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.RATE_LIMITED));
    }

    @Test
    void anErrorAnswerIsClassified() {
        stub.server().stubFor(post("/v1/responses").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/error-bad-request.json"))));

        assertThatThrownBy(() -> openAi().responses(request("openai", "gpt-4.1", BODY)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST));
    }

    @Test
    void aRefusalOfWhatTheCallerSentKeepsOpenAisOwnBodyPlainAndStreamed() {
        String refusal = fixture("openai/responses-error-invalid-value.json");
        stub.server().stubFor(post("/v1/responses").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(refusal)));

        assertThatThrownBy(() -> openAi().responses(request("openai", "gpt-4.1", BODY)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, failure -> {
                    assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
                    assertThat(failure.error().providerStatus()).isEqualTo(400);
                    assertThat(failure.error().providerBody()).isEqualTo(refusal);
                });
        assertThatThrownBy(() -> openAi().streamResponses(request("openai", "gpt-4.1", BODY)).collect().asList()
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().providerBody()).isEqualTo(refusal));
    }

    @Test
    void aPassedOnBodyLosesWhatLooksLikeAKey() {
        stub.server().stubFor(post("/v1/responses").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Invalid 'metadata.token': sk-proj-0123456789abcdef is longer than 16 characters.",
                         "type":"invalid_request_error","param":"metadata.token","code":"string_above_max_length"}}""")));

        assertThatThrownBy(() -> openAi().responses(request("openai", "gpt-4.1", BODY)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, failure -> {
                    assertThat(failure.error().providerBody()).doesNotContain("sk-proj-0123456789abcdef")
                            .contains("[redacted]").contains("\"code\":\"string_above_max_length\"");
                });
    }

    @Test
    void aRefusalThatIsTheGatewaysOwnFaultIsNotPassedOn() {
        stub.server().stubFor(post("/v1/responses").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/error-auth.json"))));

        assertThatThrownBy(() -> openAi().responses(request("openai", "gpt-4.1", BODY)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, failure -> {
                    assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.AUTH);
                    assertThat(failure.error().providerBody()).as("the gateway's key problem is not the caller's")
                            .isNull();
                });
    }

    @Test
    void azureCallsItsV1SurfaceWithTheDeploymentAsTheModelAndItsKey() {
        stub.server().stubFor(post("/openai/v1/responses").willReturn(okJson(fixture("openai/response-reasoning.json"))));
        var azure = new AzureOpenAiClient(new Endpoint("azure-openai", stub.baseUrl(), "0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(5), List.of()), "2024-10-21", stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        ProviderResponse response = azure.responses(request("azure-openai", "my-o4-mini", BODY)).await().atMost(WAIT);

        assertThat(response.completion().at("/output/0/encrypted_content").asText()).startsWith("gAAAA");
        stub.server().verify(postRequestedFor(urlEqualTo("/openai/v1/responses"))
                .withHeader("api-key", equalTo("0123456789abcdef0123456789abcdef")));
        JsonNode sent = sentBody("/openai/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("my-o4-mini");
        assertThat(sent.get("input")).isEqualTo(json(BODY).get("input"));
    }

    private OpenAiClient openAi() {
        return new OpenAiClient(new Endpoint("openai", stub.baseUrl() + "/v1", KEY, Duration.ofSeconds(5), List.of()),
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static CompletionRequest request(String provider, String model, String body) {
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model, System.currentTimeMillis() + 60_000,
                "key-test", Operation.RESPONSES, Dialect.OPENAI, (ObjectNode) json(body), null, null);
    }

    private JsonNode sentBody(String path) {
        return json(stub.server().findAll(postRequestedFor(urlEqualTo(path))).get(0).getBodyAsString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}

package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.e2e.ProviderStubs.json;
import static dev.switchboard.e2e.ProviderStubs.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;

import dev.switchboard.e2e.ProviderStubs.Provider;

/**
 * {@code /v1/responses} through the whole stack, driven by the official OpenAI Java SDK: spoken natively to OpenAI and
 * translated to chat for Anthropic, Gemini and Ollama; each case (plain, streamed, a function tool round trip, a stored
 * response continued by {@code previous_response_id} on another provider) against each of the four, and encrypted
 * reasoning sent back to OpenAI on a continuation.
 */
@ExtendWith(SharedStack.class)
class ResponsesIT {

    private static final String GPT = Provider.OPENAI.model;

    /** OpenAI's documented response object: a reasoning item with its encrypted content, then the message. */
    private static final String OPENAI_RESPONSE = response("resp_stub1", """
            [{"type":"reasoning","id":"rs_stub1","summary":[],"encrypted_content":"gAAAA-stub-reasoning"},
             {"type":"message","id":"msg_stub1","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"Hi from the stub","annotations":[]}]}]""");
    private static final String OPENAI_TOOL_CALL = response("resp_stub2", """
            [{"type":"function_call","id":"fc_stub2","call_id":"call_1","name":"get_tide",
              "arguments":"{\\"port\\":\\"Brest\\"}","status":"completed"}]""");
    private static final String OPENAI_AFTER_TOOL = response("resp_stub3", """
            [{"type":"message","id":"msg_stub3","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"High tide at 14:05","annotations":[]}]}]""");
    private static final String OPENAI_STREAM = String.join("\n\n",
            "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                    + response("resp_stub4", "[]").replace("completed", "in_progress") + "}",
            "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"sequence_number\":1,"
                    + "\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_stub4\",\"status\":\"in_progress\","
                    + "\"role\":\"assistant\",\"content\":[]}}",
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":2,"
                    + "\"item_id\":\"msg_stub4\",\"output_index\":0,\"content_index\":0,\"delta\":\"Streamed \",\"logprobs\":[]}",
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":3,"
                    + "\"item_id\":\"msg_stub4\",\"output_index\":0,\"content_index\":0,\"delta\":\"by OpenAI\",\"logprobs\":[]}",
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":4,\"response\":"
                    + response("resp_stub4", """
                            [{"type":"message","id":"msg_stub4","status":"completed","role":"assistant",
                              "content":[{"type":"output_text","text":"Streamed by OpenAI","annotations":[]}]}]""")
                    + "}",
            "");

    private static WireMockServer openAiStub;
    private static WireMockServer otherStub;
    private static OpenAIClient client;

    @BeforeAll
    static void stub() {
        openAiStub = SharedStack.openAi();
        openAiStub.stubFor(post("/v1/responses").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(OPENAI_STREAM)));
        openAiStub.stubFor(post("/v1/responses")
                .withRequestBody(matchingJsonPath("$.input[?(@.type == 'function_call_output')]"))
                .atPriority(2).willReturn(json(OPENAI_AFTER_TOOL)));
        openAiStub.stubFor(post("/v1/responses").withRequestBody(matchingJsonPath("$.tools"))
                .atPriority(3).willReturn(json(OPENAI_TOOL_CALL)));
        openAiStub.stubFor(post("/v1/responses").atPriority(5).willReturn(json(OPENAI_RESPONSE)));
        otherStub = SharedStack.providers();
        ProviderStubs.stubNativeProviders(otherStub);
        client = client(SharedStack.router(), SharedStack.API_KEY);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void everyProviderAnswersAResponsesCall(Provider provider) {
        Response response = client.responses().create(hello(provider.model));

        assertThat(text(response)).isEqualTo(provider.answer);
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.usage().orElseThrow().inputTokens()).isPositive();
        stub(provider).verify(postRequestedFor(urlEqualTo(path(provider))).withRequestBody(containing("be brief")));
    }

    @Test
    void openAiIsSpokenToNatively() {
        Response response = client.responses().create(hello(GPT));

        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(response.id()).as("Switchboard's id, not the provider's").isNotEqualTo("resp_stub1");
        assertThat(response.output().get(0).reasoning().orElseThrow().encryptedContent())
                .contains("gAAAA-stub-reasoning");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.instructions", equalTo("be brief")))
                .withRequestBody(matchingJsonPath("$.input", equalTo("hello")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamsArriveAsResponsesEvents(Provider provider) {
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(hello(provider.model))) {
            List<ResponseStreamEvent> events = stream.stream().toList();

            assertThat(events.get(0).created()).isPresent();
            assertThat(events.get(events.size() - 1).completed()).isPresent();
            assertThat(text(events.get(events.size() - 1).completed().orElseThrow().response()))
                    .isEqualTo(provider.streamed);
            assertThat(events.stream()
                    .flatMap(event -> event.outputTextDelta().stream())
                    .map(delta -> delta.delta())
                    .collect(Collectors.joining())).isEqualTo(provider.streamed);
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aFunctionToolRoundTrip(Provider provider) {
        FunctionTool tide = FunctionTool.builder().name(ProviderStubs.TOOL).description("Tide times for a port")
                .strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("port", Map.of("type", "string"))))
                        .build())
                .build();
        EasyInputMessage question = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("When is high tide in Brest?").build();
        Response first = client.responses().create(ResponseCreateParams.builder().model(provider.model)
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question))).addTool(tide).build());

        ResponseFunctionToolCall call = first.output().stream().flatMap(item -> item.functionCall().stream())
                .findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo(ProviderStubs.TOOL);
        assertThat(call.arguments()).isEqualTo("{\"port\":\"Brest\"}");

        Response second = client.responses().create(ResponseCreateParams.builder().model(provider.model)
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output(ProviderStubs.TOOL_OUTPUT).build())))
                .addTool(tide).build());

        assertThat(text(second)).isEqualTo(ProviderStubs.AFTER_TOOL);
        stub(provider).verify(postRequestedFor(urlEqualTo(path(provider)))
                .withRequestBody(containing("When is high tide in Brest?"))
                .withRequestBody(containing(ProviderStubs.TOOL))
                .withRequestBody(containing("Brest"))
                .withRequestBody(containing(ProviderStubs.TOOL_OUTPUT)));
        if (provider == Provider.OPENAI) {
            openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                    .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo(ProviderStubs.TOOL)))
                    .withRequestBody(matchingJsonPath("$.input[1].type", equalTo("function_call")))
                    .withRequestBody(matchingJsonPath("$.input[1].call_id", equalTo(call.callId())))
                    .withRequestBody(matchingJsonPath("$.input[2].type", equalTo("function_call_output")))
                    .withRequestBody(matchingJsonPath("$.input[2].output", equalTo(ProviderStubs.TOOL_OUTPUT))));
        }
    }

    /** A response made on the provider before this one in {@link Provider}'s order, continued on this one. */
    @ParameterizedTest
    @EnumSource(Provider.class)
    void aContinuationByPreviousResponseIdCarriesTheStoredConversationToAnotherProvider(Provider provider) {
        Provider before = Provider.values()[(provider.ordinal() + Provider.values().length - 1) % Provider.values().length];
        String remember = "remember Brest, " + provider;
        Response first = client.responses().create(ResponseCreateParams.builder().model(before.model).input(remember)
                .build());
        assertThat(client.responses().retrieve(first.id()).id()).isEqualTo(first.id());

        Response second = client.responses().create(ResponseCreateParams.builder().model(provider.model)
                .input("which port?").previousResponseId(first.id()).build());

        assertThat(text(second)).isEqualTo(provider.answer);
        stub(provider).verify(postRequestedFor(urlEqualTo(path(provider)))
                .withRequestBody(containing(remember))
                .withRequestBody(containing(before.answer))
                .withRequestBody(containing("which port?")));
        client.responses().delete(first.id());
        assertThatThrownBy(() -> client.responses().retrieve(first.id())).isInstanceOf(NotFoundException.class);
    }

    /**
     * A conversation stored through one router replica is read, listed and continued through the other, first on the
     * provider that made it and then on another; a key that did not make it finds nothing there.
     */
    @Test
    void aStoredConversationMadeOnOneReplicaIsReadAndContinuedOnTheOther() throws Exception {
        OpenAIClient second = client(SharedStack.secondRouter(), SharedStack.API_KEY);
        String remember = "remember Roscoff, across replicas";
        Response first = client.responses().create(ResponseCreateParams.builder().model(GPT).input(remember).build());

        assertThat(second.responses().retrieve(first.id()).id()).isEqualTo(first.id());
        assertThat(second.responses().inputItems().list(first.id()).data().stream()
                .flatMap(item -> item.responseInputMessageItem().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.inputText().stream())
                .map(text -> text.text())).containsExactly(remember);
        Response onOpenAi = second.responses().create(ResponseCreateParams.builder().model(GPT)
                .input("which port, OpenAI?").previousResponseId(first.id()).build());
        Response onAnthropic = second.responses().create(ResponseCreateParams.builder()
                .model(Provider.ANTHROPIC.model).input("which port, Claude?").previousResponseId(onOpenAi.id()).build());

        assertThat(text(onOpenAi)).isEqualTo(Provider.OPENAI.answer);
        assertThat(text(onAnthropic)).isEqualTo(Provider.ANTHROPIC.answer);
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.input[0].content[0].text", equalTo(remember)))
                .withRequestBody(containing("which port, OpenAI?")));
        otherStub.verify(postRequestedFor(urlEqualTo(ProviderStubs.plainPath(Provider.ANTHROPIC)))
                .withRequestBody(containing(remember))
                .withRequestBody(containing("which port, OpenAI?"))
                .withRequestBody(containing(Provider.OPENAI.answer))
                .withRequestBody(containing("which port, Claude?"))
                .withRequestBody(notContaining("gAAAA-stub-reasoning")));
        OpenAIClient stranger = client(SharedStack.secondRouter(), new GovernanceClient(SharedStack.stack())
                .createKey("{\"name\":\"stranger-" + UUID.randomUUID() + "\"}").secret());
        assertThatThrownBy(() -> stranger.responses().retrieve(onAnthropic.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.responses().inputItems().list(first.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.responses().create(ResponseCreateParams.builder().model(GPT)
                .input("and mine?").previousResponseId(first.id()).build())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aContinuationOnOpenAiSendsItsEncryptedReasoningBackNatively() {
        Response first = client.responses().create(ResponseCreateParams.builder().model(GPT).input("think about Brest")
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());

        Response second = client.responses().create(ResponseCreateParams.builder().model(GPT)
                .input("and then?").previousResponseId(first.id()).build());

        assertThat(text(second)).isEqualTo("Hi from the stub");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.include[0]", equalTo("reasoning.encrypted_content"))));
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.input[0].content[0].text", equalTo("think about Brest")))
                .withRequestBody(matchingJsonPath("$.input[1].type", equalTo("reasoning")))
                .withRequestBody(matchingJsonPath("$.input[1].encrypted_content", equalTo("gAAAA-stub-reasoning")))
                .withRequestBody(matchingJsonPath("$.input[2].id", equalTo("msg_stub1")))
                .withRequestBody(matchingJsonPath("$.input[3].content[0].text", equalTo("and then?"))));
    }

    private static ResponseCreateParams hello(String model) {
        return ResponseCreateParams.builder().model(model).instructions("be brief").input("hello").maxOutputTokens(64L)
                .build();
    }

    private static OpenAIClient client(String router, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(router + "/v1").apiKey(apiKey).build();
    }

    private static WireMockServer stub(Provider provider) {
        return provider == Provider.OPENAI ? openAiStub : otherStub;
    }

    /** Where a plain call reaches the provider's stub: OpenAI natively at {@code /v1/responses}. */
    private static String path(Provider provider) {
        return provider == Provider.OPENAI ? "/v1/responses" : ProviderStubs.plainPath(provider);
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(text -> text.text())
                .collect(Collectors.joining());
    }

    /** A response object as OpenAI documents it, on one line, around these output items. */
    private static String response(String id, String output) {
        return ("{\"id\":\"" + id + "\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"completed\","
                + "\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"output\":" + output + ",\"parallel_tool_calls\":true,"
                + "\"previous_response_id\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"store\":true,"
                + "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":{\"input_tokens\":12,"
                + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":4,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":16},\"user\":null,\"metadata\":{}}")
                .replace("\n", "");
    }
}

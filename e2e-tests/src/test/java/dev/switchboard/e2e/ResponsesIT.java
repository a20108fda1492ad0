package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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

/**
 * {@code /v1/responses} through the whole stack, driven by the official OpenAI Java SDK: spoken natively to OpenAI
 * (plain, streamed, a function tool round trip, encrypted reasoning sent back on a continuation) and translated to chat
 * for Anthropic, Gemini and Ollama; a stored response continued on another provider by {@code previous_response_id}.
 */
@ExtendWith(SharedStack.class)
class ResponsesIT {

    private static final String GPT = "openai/gpt-4o-mini";
    private static final String CLAUDE = "anthropic/claude-3-5-haiku-latest";

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
    private static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_e2e","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[{"type":"text","text":"Hi from Claude's stub"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}""";
    private static final String ANTHROPIC_STREAM = String.join("\n\n",
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-3-5-haiku-20241022\",\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Streamed \"}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"by Claude\"}}",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}", "");
    private static final String GEMINI_ANSWER = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Hi from Gemini's stub"}]},"finishReason":"STOP",
              "index":0}],"usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":5,"totalTokenCount":13}}""";
    private static final String OLLAMA_ANSWER = """
            {"model":"llama3.2:3b","created_at":"2026-11-22T10:00:00Z",
             "message":{"role":"assistant","content":"Hi from Ollama's stub"},"done":true,"done_reason":"stop",
             "prompt_eval_count":9,"eval_count":5}""";

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
        otherStub.stubFor(post("/v1/messages").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(ANTHROPIC_STREAM)));
        otherStub.stubFor(post("/v1/messages").atPriority(5).willReturn(json(ANTHROPIC_MESSAGE)));
        otherStub.stubFor(post("/v1beta/models/gemini-2.0-flash:generateContent").willReturn(json(GEMINI_ANSWER)));
        otherStub.stubFor(post("/api/chat").willReturn(json(OLLAMA_ANSWER)));
        client = OpenAIOkHttpClient.builder().baseUrl(SharedStack.router() + "/v1").apiKey(SharedStack.API_KEY).build();
    }

    @Test
    void everyProviderAnswersAResponsesCall() {
        assertThat(text(client.responses().create(hello(GPT)))).isEqualTo("Hi from the stub");
        assertThat(text(client.responses().create(hello(CLAUDE)))).isEqualTo("Hi from Claude's stub");
        assertThat(text(client.responses().create(hello("gemini/gemini-2.0-flash")))).isEqualTo("Hi from Gemini's stub");
        assertThat(text(client.responses().create(hello("ollama/llama3.2:3b")))).isEqualTo("Hi from Ollama's stub");

        Response response = client.responses().create(hello(GPT));
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(response.id()).as("Switchboard's id, not the provider's").isNotEqualTo("resp_stub1");
        assertThat(response.output().get(0).reasoning().orElseThrow().encryptedContent())
                .contains("gAAAA-stub-reasoning");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.instructions", equalTo("be brief")))
                .withRequestBody(matchingJsonPath("$.input", equalTo("hello")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
    }

    @Test
    void streamsArriveAsResponsesEventsFromOpenAiAndFromAnthropic() {
        assertThat(streamedText(GPT)).isEqualTo("Streamed by OpenAI");
        assertThat(streamedText(CLAUDE)).isEqualTo("Streamed by Claude");
    }

    @Test
    void aFunctionToolRoundTrip() {
        FunctionTool tide = FunctionTool.builder().name("get_tide").description("Tide times for a port").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("port", Map.of("type", "string"))))
                        .build())
                .build();
        EasyInputMessage question = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("When is high tide in Brest?").build();
        Response first = client.responses().create(ResponseCreateParams.builder().model(GPT)
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question))).addTool(tide).build());

        ResponseFunctionToolCall call = first.output().stream().flatMap(item -> item.functionCall().stream())
                .findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_tide");
        assertThat(call.arguments()).isEqualTo("{\"port\":\"Brest\"}");

        Response second = client.responses().create(ResponseCreateParams.builder().model(GPT)
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("14:05").build())))
                .addTool(tide).build());

        assertThat(text(second)).isEqualTo("High tide at 14:05");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("get_tide")))
                .withRequestBody(matchingJsonPath("$.input[1].type", equalTo("function_call")))
                .withRequestBody(matchingJsonPath("$.input[1].call_id", equalTo(call.callId())))
                .withRequestBody(matchingJsonPath("$.input[2].type", equalTo("function_call_output")))
                .withRequestBody(matchingJsonPath("$.input[2].output", equalTo("14:05"))));
    }

    @Test
    void aContinuationByPreviousResponseIdCarriesTheStoredConversationToAnotherProvider() {
        Response first = client.responses().create(ResponseCreateParams.builder().model(GPT).input("remember Brest")
                .build());
        assertThat(client.responses().retrieve(first.id()).id()).isEqualTo(first.id());

        Response second = client.responses().create(ResponseCreateParams.builder().model(CLAUDE)
                .input("which port?").previousResponseId(first.id()).build());

        assertThat(text(second)).isEqualTo("Hi from Claude's stub");
        otherStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("remember Brest")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("assistant")))
                .withRequestBody(matchingJsonPath("$.messages[2].content[0].text", equalTo("which port?"))));

        client.responses().delete(first.id());
        assertThatThrownBy(() -> client.responses().retrieve(first.id())).isInstanceOf(NotFoundException.class);
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

    private static String streamedText(String model) {
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(hello(model))) {
            List<ResponseStreamEvent> events = stream.stream().toList();
            assertThat(events.get(0).created()).isPresent();
            assertThat(events.get(events.size() - 1).completed()).isPresent();
            return events.stream()
                    .flatMap(event -> event.outputTextDelta().stream())
                    .map(delta -> delta.delta())
                    .collect(Collectors.joining());
        }
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

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}

package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;

import dev.switchboard.local.Ports;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/**
 * {@code /v1/responses} through the whole stack, driven by the official OpenAI Java SDK: translated to chat for
 * OpenAI, Anthropic, Gemini and Ollama, plain, streamed, a function tool round trip, and a stored response continued
 * on another provider by {@code previous_response_id}.
 */
class ResponsesIT {

    private static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    private static final String GPT = "openai/gpt-4o-mini";
    private static final String CLAUDE = "anthropic/claude-3-5-haiku-latest";

    private static final String OPENAI_COMPLETION = """
            {"id":"chatcmpl-r","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi from the stub"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}""";
    private static final String OPENAI_TOOL_CALL = """
            {"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
               "type":"function","function":{"name":"get_tide","arguments":"{\\"port\\":\\"Brest\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""";
    private static final String OPENAI_AFTER_TOOL = """
            {"id":"chatcmpl-a","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"High tide at 14:05"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":40,"completion_tokens":6,"total_tokens":46}}""";
    private static final String OPENAI_STREAM = String.join("\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Streamed \"}}]}",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"by OpenAI\"},\"finish_reason\":\"stop\"}]}",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}",
            "data: [DONE]", "");
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
    private static Stack stack;
    private static OpenAIClient client;

    @BeforeAll
    static void startStack() throws IOException {
        openAiStub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        openAiStub.start();
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(OPENAI_STREAM)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .atPriority(2).willReturn(json(OPENAI_AFTER_TOOL)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.tools"))
                .atPriority(3).willReturn(json(OPENAI_TOOL_CALL)));
        openAiStub.stubFor(post("/v1/chat/completions").atPriority(5).willReturn(json(OPENAI_COMPLETION)));
        otherStub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        otherStub.start();
        otherStub.stubFor(post("/v1/messages").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(ANTHROPIC_STREAM)));
        otherStub.stubFor(post("/v1/messages").atPriority(5).willReturn(json(ANTHROPIC_MESSAGE)));
        otherStub.stubFor(post("/v1beta/models/gemini-2.0-flash:generateContent").willReturn(json(GEMINI_ANSWER)));
        otherStub.stubFor(post("/api/chat").willReturn(json(OLLAMA_ANSWER)));
        String otherUrl = "http://127.0.0.1:" + otherStub.port();
        Path home = Files.createTempDirectory("switchboard-e2e-responses");
        Path repository = Path.of(System.getProperty("switchboard.repository", "..")).toAbsolutePath().normalize();
        StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(), List.of(Ports.free()),
                Ports.free(), Ports.free(), Ports.free(), null, null, false, API_KEY, "sb-admin-" + UUID.randomUUID(),
                List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:" + openAiStub.port() + "/v1",
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-e2e-0123456789abcdefghijklmnopqrstuv",
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL", otherUrl,
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY", "sk-ant-e2e-0123456789abcdefghijklmnop",
                        "SWITCHBOARD_PROVIDERS_GEMINI_BASE_URL", otherUrl,
                        "SWITCHBOARD_PROVIDERS_GEMINI_API_KEY", "AIzaE2E0123456789abcdefghijklmnopqrstuv",
                        "SWITCHBOARD_PROVIDERS_OLLAMA_BASE_URL", otherUrl));
        stack = Stack.start(settings, line -> System.out.println("[stack] " + line));
        client = OpenAIOkHttpClient.builder().baseUrl(stack.parts().get(Stack.ROUTER) + "/v1").apiKey(API_KEY).build();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (openAiStub != null) {
            openAiStub.stop();
        }
        if (otherStub != null) {
            otherStub.stop();
        }
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
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("be brief"))));
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
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_tide")))
                .withRequestBody(matchingJsonPath("$.messages[1].tool_calls[0].id", equalTo(call.callId())))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("tool")))
                .withRequestBody(matchingJsonPath("$.messages[2].content", equalTo("14:05"))));
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

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}

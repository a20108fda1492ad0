package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * {@code /v1/messages} through the whole stack, driven by the official Anthropic Java SDK: natively to Anthropic,
 * translated to chat for OpenAI, Gemini and Ollama, plain, streamed, with tools, and {@code countTokens}.
 */
@ExtendWith(SharedStack.class)
class MessagesIT {

    private static final String CLAUDE = "anthropic/claude-3-5-haiku-latest";
    private static final String GPT = "openai/gpt-4o-mini";

    private static final String OPENAI_COMPLETION = """
            {"id":"chatcmpl-m","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi from the stub"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}""";
    private static final String OPENAI_TOOL_CALL = """
            {"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
               "type":"function","function":{"name":"get_tide","arguments":"{\\"port\\":\\"Brest\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""";
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
            "event: ping\ndata: {\"type\":\"ping\"}",
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
    private static WireMockServer nativeStub;
    private static AnthropicClient client;

    @BeforeAll
    static void stub() {
        openAiStub = SharedStack.openAi();
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(OPENAI_STREAM)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.tools"))
                .atPriority(2).willReturn(json(OPENAI_TOOL_CALL)));
        openAiStub.stubFor(post("/v1/chat/completions").atPriority(5).willReturn(json(OPENAI_COMPLETION)));
        nativeStub = SharedStack.providers();
        nativeStub.stubFor(post("/v1/messages").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(ANTHROPIC_STREAM)));
        nativeStub.stubFor(post("/v1/messages").atPriority(5).willReturn(json(ANTHROPIC_MESSAGE)));
        nativeStub.stubFor(post("/v1/messages/count_tokens").willReturn(json("{\"input_tokens\":14}")));
        nativeStub.stubFor(post("/v1beta/models/gemini-2.0-flash:generateContent").willReturn(json(GEMINI_ANSWER)));
        nativeStub.stubFor(post("/api/chat").willReturn(json(OLLAMA_ANSWER)));
        client = AnthropicOkHttpClient.builder().baseUrl(SharedStack.router()).apiKey(SharedStack.API_KEY).build();
    }

    @Test
    void everyProviderAnswersAMessagesCall() {
        assertThat(text(client.messages().create(hello(CLAUDE)))).isEqualTo("Hi from Claude's stub");
        assertThat(text(client.messages().create(hello(GPT)))).isEqualTo("Hi from the stub");
        assertThat(text(client.messages().create(hello("gemini/gemini-2.0-flash")))).isEqualTo("Hi from Gemini's stub");
        assertThat(text(client.messages().create(hello("ollama/llama3.2:3b")))).isEqualTo("Hi from Ollama's stub");

        nativeStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-version", matching("\\d{4}-\\d{2}-\\d{2}"))
                .withRequestBody(matchingJsonPath("$.system", equalTo("be brief"))));
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system"))));
    }

    @Test
    void unknownFieldsAndBetaFlagsReachAnthropicUnchanged() {
        Message message = client.messages().create(hello(CLAUDE).toBuilder()
                .putAdditionalHeader("anthropic-beta", "time-travel-2099-01-01")
                .putAdditionalBodyProperty("chronology", JsonValue.from(Map.of("direction", "backwards")))
                .build());

        assertThat(text(message)).isEqualTo("Hi from Claude's stub");
        nativeStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-beta", equalTo("time-travel-2099-01-01"))
                .withRequestBody(matchingJsonPath("$.chronology.direction", equalTo("backwards"))));
    }

    @Test
    void streamsArriveAsAnthropicEventsFromAnthropicAndFromOpenAi() {
        assertThat(streamedText(CLAUDE)).isEqualTo("Streamed by Claude");
        assertThat(streamedText(GPT)).isEqualTo("Streamed by OpenAI");
    }

    @Test
    void toolCallsComeBackAsToolUseBlocks() {
        Message message = client.messages().create(hello(GPT).toBuilder()
                .addTool(Tool.builder().name("get_tide").description("Tide times for a port")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("port", Map.of("type", "string")))).build())
                        .build())
                .build());

        ToolUseBlock call = message.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_tide");
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("port", "Brest"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_tide")))
                .withRequestBody(containing("\"parameters\"")));
    }

    @Test
    void tokensAreCountedByAnthropicAndEstimatedForOthers() {
        assertThat(client.messages().countTokens(count(CLAUDE)).inputTokens()).isEqualTo(14);
        assertThat(client.messages().countTokens(count(GPT)).inputTokens()).isPositive();
    }

    private static MessageCreateParams hello(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).system("be brief").addUserMessage("hello")
                .build();
    }

    private static MessageCountTokensParams count(String model) {
        return MessageCountTokensParams.builder().model(model).addUserMessage("How many tokens is this?").build();
    }

    private static String streamedText(String model) {
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(model))) {
            return stream.stream()
                    .flatMap(event -> event.contentBlockDelta().stream())
                    .flatMap(delta -> delta.delta().text().stream())
                    .map(text -> text.text())
                    .collect(Collectors.joining());
        }
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(block -> block.text().stream()).map(text -> text.text())
                .collect(Collectors.joining());
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}

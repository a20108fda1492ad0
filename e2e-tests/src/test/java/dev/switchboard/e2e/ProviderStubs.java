package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;

/**
 * The four providers every agent-API suite runs each case against, and their stubs' answers in each protocol's
 * documented shapes: a plain answer, a streamed one, a call of the {@value #TOOL} tool, and the answer after its result
 * came back. OpenAI's Responses stubs stay with {@code ResponsesIT}, the one suite that speaks Responses to OpenAI.
 */
final class ProviderStubs {

    static final String TOOL = "get_tide";
    static final String TOOL_OUTPUT = "14:05";
    static final String AFTER_TOOL = "High tide at 14:05";
    /** The Azure OpenAI deployment the catalog's sample model names, its answer, and its streamed answer. */
    static final String AZURE_MODEL = "azure-openai/gpt-4o-mini";
    static final String AZURE_ANSWER = "Hi from Azure's stub";
    static final String AZURE_STREAMED = "Streamed by Azure";

    /** A provider, the model the suites call on it, and the texts its stubs answer. */
    enum Provider {
        OPENAI("openai/gpt-4o-mini", "Hi from the stub", "Streamed by OpenAI"),
        ANTHROPIC("anthropic/claude-3-5-haiku-latest", "Hi from Claude's stub", "Streamed by Claude"),
        GEMINI("gemini/gemini-2.0-flash", "Hi from Gemini's stub", "Streamed by Gemini"),
        OLLAMA("ollama/llama3.2:3b", "Hi from Ollama's stub", "Streamed by Ollama");

        final String model;
        final String answer;
        final String streamed;

        Provider(String model, String answer, String streamed) {
            this.model = model;
            this.answer = answer;
            this.streamed = streamed;
        }
    }

    private static final String OPENAI_COMPLETION = """
            {"id":"chatcmpl-m","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
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
             "content":[%s],"stop_reason":"%s","stop_sequence":null,
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

    /** Gemini's {@code GenerateContentResponse}; its stream sends the same objects, a part each, and no end marker. */
    private static final String GEMINI_ANSWER = """
            {"candidates":[{"content":{"role":"model","parts":[%s]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":5,"totalTokenCount":13},
             "modelVersion":"gemini-2.0-flash","responseId":"gem-e2e"}""";
    private static final String GEMINI_STREAM = String.join("\r\n\r\n",
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Streamed \"}]},\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.0-flash\","
                    + "\"responseId\":\"gem-s\"}",
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"by Gemini\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":8,"
                    + "\"candidatesTokenCount\":3,\"totalTokenCount\":11},\"modelVersion\":\"gemini-2.0-flash\","
                    + "\"responseId\":\"gem-s\"}",
            "");

    /** Ollama's {@code /api/chat} answer; its stream is one such object per line, the last with {@code done: true}. */
    private static final String OLLAMA_ANSWER = """
            {"model":"llama3.2:3b","created_at":"2026-11-22T10:00:00Z","message":%s,"done":true,"done_reason":"stop",
             "total_duration":5000000,"prompt_eval_count":9,"eval_count":5}""";
    private static final String OLLAMA_STREAM = String.join("\n",
            "{\"model\":\"llama3.2:3b\",\"created_at\":\"2026-11-22T10:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Streamed \"},\"done\":false}",
            "{\"model\":\"llama3.2:3b\",\"created_at\":\"2026-11-22T10:00:01Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"by Ollama\"},\"done\":false}",
            "{\"model\":\"llama3.2:3b\",\"created_at\":\"2026-11-22T10:00:01Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                    + "\"total_duration\":5000000,\"prompt_eval_count\":9,\"eval_count\":3}",
            "");

    private ProviderStubs() {
    }

    /** OpenAI's Chat Completions at {@code /v1/chat/completions}: how every call not in Responses reaches OpenAI. */
    static void stubOpenAiChat(WireMockServer openAi) {
        String path = "/v1/chat/completions";
        openAi.stubFor(post(path).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(OPENAI_STREAM)));
        openAi.stubFor(post(path).withRequestBody(containing("\"role\":\"tool\""))
                .atPriority(2).willReturn(json(OPENAI_COMPLETION.formatted(AFTER_TOOL))));
        openAi.stubFor(post(path).withRequestBody(matchingJsonPath("$.tools"))
                .atPriority(3).willReturn(json(OPENAI_TOOL_CALL)));
        openAi.stubFor(post(path).atPriority(5).willReturn(json(OPENAI_COMPLETION.formatted(Provider.OPENAI.answer))));
    }

    /**
     * Azure OpenAI's Chat Completions as Azure documents them: at the deployment's URL with an {@code api-version}
     * query parameter, the key in the {@code api-key} header; a call of another shape finds no stub.
     */
    static void stubAzureChat(WireMockServer azure, String apiKey) {
        UrlPathPattern path = urlPathEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
        azure.stubFor(post(path).withQueryParam("api-version", matching("\\d{4}-\\d{2}-\\d{2}(-preview)?"))
                .withHeader("api-key", equalTo(apiKey)).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(OPENAI_STREAM.replace("by OpenAI", "by Azure"))));
        azure.stubFor(post(path).withQueryParam("api-version", matching("\\d{4}-\\d{2}-\\d{2}(-preview)?"))
                .withHeader("api-key", equalTo(apiKey))
                .atPriority(5).willReturn(json(OPENAI_COMPLETION.formatted(AZURE_ANSWER))));
    }

    /** Anthropic's, Gemini's and Ollama's answers, on the one stub their calls reach, each at its own paths. */
    static void stubNativeProviders(WireMockServer providers) {
        String messages = "/v1/messages";
        providers.stubFor(post(messages).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(sse(ANTHROPIC_STREAM)));
        providers.stubFor(post(messages).withRequestBody(containing("\"tool_result\""))
                .atPriority(2).willReturn(json(ANTHROPIC_MESSAGE.formatted(anthropicText(AFTER_TOOL), "end_turn"))));
        providers.stubFor(post(messages).withRequestBody(matchingJsonPath("$.tools")).atPriority(3)
                .willReturn(json(ANTHROPIC_MESSAGE.formatted("""
                        {"type":"text","text":"Let me look."},
                        {"type":"tool_use","id":"toolu_e2e","name":"get_tide","input":{"port":"Brest"}}""", "tool_use"))));
        providers.stubFor(post(messages).atPriority(5)
                .willReturn(json(ANTHROPIC_MESSAGE.formatted(anthropicText(Provider.ANTHROPIC.answer), "end_turn"))));
        providers.stubFor(post("/v1/messages/count_tokens").willReturn(json("{\"input_tokens\":14}")));

        String gemini = "/v1beta/models/gemini-2.0-flash";
        providers.stubFor(post(urlEqualTo(gemini + ":streamGenerateContent?alt=sse")).willReturn(sse(GEMINI_STREAM)));
        providers.stubFor(post(gemini + ":generateContent").withRequestBody(containing("\"functionResponse\""))
                .atPriority(2).willReturn(json(GEMINI_ANSWER.formatted(geminiText(AFTER_TOOL)))));
        providers.stubFor(post(gemini + ":generateContent").withRequestBody(matchingJsonPath("$.tools")).atPriority(3)
                .willReturn(json(GEMINI_ANSWER.formatted(
                        "{\"functionCall\":{\"name\":\"get_tide\",\"args\":{\"port\":\"Brest\"}}}"))));
        providers.stubFor(post(gemini + ":generateContent").atPriority(5)
                .willReturn(json(GEMINI_ANSWER.formatted(geminiText(Provider.GEMINI.answer)))));

        String ollama = "/api/chat";
        providers.stubFor(post(ollama).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson")
                        .withBody(OLLAMA_STREAM)));
        providers.stubFor(post(ollama).withRequestBody(containing("\"role\":\"tool\""))
                .atPriority(2).willReturn(json(OLLAMA_ANSWER.formatted(ollamaText(AFTER_TOOL)))));
        providers.stubFor(post(ollama).withRequestBody(matchingJsonPath("$.tools")).atPriority(3)
                .willReturn(json(OLLAMA_ANSWER.formatted("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                        + "[{\"function\":{\"name\":\"get_tide\",\"arguments\":{\"port\":\"Brest\"}}}]}"))));
        providers.stubFor(post(ollama).atPriority(5)
                .willReturn(json(OLLAMA_ANSWER.formatted(ollamaText(Provider.OLLAMA.answer)))));
    }

    /** The path each provider's stub is called at for a plain (not streamed) call. */
    static String plainPath(Provider provider) {
        return switch (provider) {
            case OPENAI -> "/v1/chat/completions";
            case ANTHROPIC -> "/v1/messages";
            case GEMINI -> "/v1beta/models/gemini-2.0-flash:generateContent";
            case OLLAMA -> "/api/chat";
        };
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static String anthropicText(String text) {
        return "{\"type\":\"text\",\"text\":\"" + text + "\"}";
    }

    private static String geminiText(String text) {
        return "{\"text\":\"" + text + "\"}";
    }

    private static String ollamaText(String text) {
        return "{\"role\":\"assistant\",\"content\":\"" + text + "\"}";
    }
}

package dev.switchboard.adapters.client.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.fixture;
import static dev.switchboard.adapters.client.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

class AnthropicClientTest {

    private static final String KEY = "sk-ant-api03-test0123456789abcdefghij";
    private static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final String MESSAGES = "/v1/messages";
    private static final String HELLO = """
            {"model":"anthropic/claude-sonnet-4-5-20250929","messages":[{"role":"system","content":"Be brief."},
             {"role":"developer","content":[{"type":"text","text":"Answer in English."}]},
             {"role":"user","content":"Why are there tides?"}],
             "max_tokens":300,"temperature":0.2,"top_p":0.9,"stop":"END","user":"user-7f3a",
             "models":["anthropic/claude-sonnet-4-5-20250929","openai/gpt-4o-mini"]}""";
    private static final String TIDE_TOOL = """
            {"type":"function","function":{"name":"get_tide_table","description":"Tide times for a port",
             "parameters":{"type":"object","properties":{"port":{"type":"string"},"days":{"type":"integer"}},
             "required":["port"]}}}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void plainTextIsTranslatedBothWays() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));

        ProviderResponse response = complete(HELLO);

        JsonNode sent = sentBody();
        assertThat(sent.path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.path("system").asText()).isEqualTo("Be brief.\n\nAnswer in English.");
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/0/content/0")).isEqualTo(json("""
                {"type":"text","text":"Why are there tides?"}"""));
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("stop_sequences")).isEqualTo(json("[\"END\"]"));
        assertThat(sent.at("/metadata/user_id").asText()).isEqualTo("user-7f3a");
        assertThat(sent.has("stream")).isFalse();
        assertThat(sent.has("models")).as("the gateway's fallback list stays in the gateway").isFalse();
        stub.server().verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withoutHeader("Authorization"));

        ObjectNode completion = response.completion();
        assertThat(completion.path("id").asText()).isEqualTo("msg_01Hq7TzWc9vRkD3nPb5sLm2A");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isPositive();
        assertThat(completion.path("model").asText()).isEqualTo(MODEL);
        assertThat(completion.at("/choices/0/index").asInt()).isZero();
        assertThat(completion.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(completion.at("/choices/0/message/content").asText())
                .isEqualTo("Tides come from the Moon's pull. The Sun adds a smaller share.");
        assertThat(completion.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(reparsed(completion.path("usage"))).isEqualTo(json("""
                {"prompt_tokens":125,"completion_tokens":15,"total_tokens":140,
                 "prompt_tokens_details":{"cached_tokens":100,"cache_write_tokens":4,"cache_write_1h_tokens":0}}"""));
        assertThat(TokenUsage.of(completion.get("usage"))).isEqualTo(new TokenUsage(125, 15, 100, 0, 4, 0));
        assertThat(response.droppedParameters()).isEmpty();
    }

    @Test
    void toolsAreOfferedAndToolUseComesBackAsToolCalls() {
        stubMessages(okJson(fixture("anthropic/message-tool-use.json")));
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","content":"When is low tide in Brest?"}],
                 "tools":[%s],"tool_choice":"required","parallel_tool_calls":false}""".formatted(TIDE_TOOL);

        ProviderResponse response = complete(body);

        JsonNode sent = sentBody();
        assertThat(sent.path("max_tokens").asInt()).as("Anthropic requires it").isEqualTo(4096);
        assertThat(sent.path("tools")).isEqualTo(json("""
                [{"name":"get_tide_table","description":"Tide times for a port",
                  "input_schema":{"type":"object","properties":{"port":{"type":"string"},"days":{"type":"integer"}},
                  "required":["port"]}}]"""));
        assertThat(sent.path("tool_choice")).isEqualTo(json("""
                {"type":"any","disable_parallel_tool_use":true}"""));

        JsonNode message = response.completion().at("/choices/0/message");
        assertThat(message.path("content").asText()).isEqualTo("Let me look up the tide table for Brest.");
        assertThat(message.path("tool_calls")).hasSize(1);
        JsonNode call = message.at("/tool_calls/0");
        assertThat(call.path("id").asText()).isEqualTo("toolu_01Vb3MwQ8sFhT5nLc7XzKe9P");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_tide_table");
        assertThat(call.at("/function/arguments").isTextual()).isTrue();
        assertThat(json(call.at("/function/arguments").asText())).isEqualTo(json("{\"port\":\"Brest\",\"days\":2}"));
        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void toolResultsGoBackAsOneUserTurnAfterTheToolUseTurn() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));
        String body = """
                {"model":"anthropic/x","messages":[
                  {"role":"user","content":"Low tide in Brest and Cork?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"toolu_A","type":"function","function":{"name":"get_tide_table","arguments":"{\\"port\\":\\"Brest\\"}"}},
                    {"id":"toolu_B","type":"function","function":{"name":"get_tide_table","arguments":"{\\"port\\":\\"Cork\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_A","content":"14:05"},
                  {"role":"tool","tool_call_id":"toolu_B","content":[{"type":"text","text":"15:40"}]},
                  {"role":"user","content":"Which is earlier?"}],
                 "tools":[%s],"tool_choice":{"type":"function","function":{"name":"get_tide_table"}}}"""
                .formatted(TIDE_TOOL);

        complete(body);

        JsonNode sent = sentBody();
        assertThat(sent.path("messages")).isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"Low tide in Brest and Cork?"}]},
                 {"role":"assistant","content":[
                   {"type":"tool_use","id":"toolu_A","name":"get_tide_table","input":{"port":"Brest"}},
                   {"type":"tool_use","id":"toolu_B","name":"get_tide_table","input":{"port":"Cork"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_A","content":"14:05"},
                   {"type":"tool_result","tool_use_id":"toolu_B","content":[{"type":"text","text":"15:40"}]},
                   {"type":"text","text":"Which is earlier?"}]}]"""));
        assertThat(sent.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_tide_table\"}"));
    }

    @Test
    void imagesBecomeBase64OrUrlSources() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare these two charts."},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==","detail":"high"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/charts/brest.jpg"}}]}]}""";

        ProviderResponse response = complete(body);

        assertThat(sentBody().at("/messages/0/content")).isEqualTo(json("""
                [{"type":"text","text":"Compare these two charts."},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUg=="}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/charts/brest.jpg"}}]"""));
        assertThat(response.droppedParameters()).containsExactly("image_url.detail");
    }

    @Test
    void jsonObjectModeIsDroppedAndReported() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","content":"List two ports as JSON."}],
                 "response_format":{"type":"json_object"},"seed":7,"presence_penalty":0.5,"logprobs":false}""";

        ProviderResponse response = complete(body);

        JsonNode sent = sentBody();
        assertThat(sent.has("response_format")).isFalse();
        assertThat(sent.has("output_config")).isFalse();
        assertThat(sent.has("seed")).isFalse();
        assertThat(sent.has("presence_penalty")).isFalse();
        assertThat(response.droppedParameters()).containsExactly("response_format", "seed", "presence_penalty");
    }

    @Test
    void jsonSchemaBecomesAStructuredOutputFormat() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","content":"Name a port."}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"port","strict":true,
                   "schema":{"type":"object","properties":{"port":{"type":"string"}},"required":["port"],
                   "additionalProperties":false}}}}""";

        ProviderResponse response = complete(body);

        assertThat(sentBody().path("output_config")).isEqualTo(json("""
                {"format":{"type":"json_schema","schema":{"type":"object","properties":{"port":{"type":"string"}},
                 "required":["port"],"additionalProperties":false}}}"""));
        assertThat(response.droppedParameters()).isEmpty();
    }

    @Test
    void partsWithoutAnAnthropicCounterpartAreDroppedAndReported() {
        stubMessages(okJson(fixture("anthropic/message-text.json")));
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","name":"ana","content":"hi"},
                  {"role":"assistant","content":"Hello."},{"role":"user","content":""},{"role":"user","content":"bye"}],
                 "tool_choice":"required","modalities":["text"],"stop":["\\n\\n","END"],"max_completion_tokens":50,
                 "max_tokens":999}""";

        ProviderResponse response = complete(body);

        JsonNode sent = sentBody();
        assertThat(sent.has("tool_choice")).isFalse();
        assertThat(sent.has("modalities")).isFalse();
        assertThat(sent.path("stop_sequences")).isEqualTo(json("[\"\\n\\n\",\"END\"]"));
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent.path("messages")).isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"hi"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Hello."}]},
                 {"role":"user","content":[{"type":"text","text":"bye"}]}]"""));
        assertThat(response.droppedParameters()).containsExactly("messages[].name", "tool_choice");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"n\":2",
            "\"temperature\":1.5",
            "\"functions\":[{\"name\":\"f\",\"parameters\":{}}]",
            "\"modalities\":[\"text\",\"audio\"]",
            "\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"grep\"}}]" })
    void whatAnthropicCannotHonourIsRefusedWithoutCallingIt(String parameter) {
        String body = """
                {"model":"anthropic/x","messages":[{"role":"user","content":"hi"}],%s}""".formatted(parameter);

        assertThatThrownBy(() -> complete(body)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith("anthropic cannot take this request");
        });
        assertThat(stub.server().getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "end_turn, stop",
            "stop_sequence, stop",
            "max_tokens, length",
            "tool_use, tool_calls",
            "refusal, content_filter" })
    void stopReasonsBecomeFinishReasons(String stopReason, String finishReason) {
        stubMessages(okJson(fixture("anthropic/message-text.json").replace("\"end_turn\"", "\"" + stopReason + "\"")));

        ProviderResponse response = complete(HELLO);

        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo(finishReason);
    }

    @Test
    void aMessageWithoutTextHasNullContent() {
        stubMessages(okJson("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],
                 "stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":0}}"""));

        ProviderResponse response = complete(HELLO);

        assertThat(response.completion().at("/choices/0/message/content").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "429, anthropic/error-rate-limit.json, RATE_LIMITED",
            "529, anthropic/error-overloaded.json, OVERLOADED",
            "500, anthropic/error-api.json, SERVER_ERROR",
            "401, anthropic/error-authentication.json, AUTH",
            "403, anthropic/error-permission.json, AUTH",
            "404, anthropic/error-not-found.json, MODEL_NOT_FOUND",
            "400, anthropic/error-prompt-too-long.json, CONTEXT_LENGTH",
            "400, anthropic/error-invalid-request.json, BAD_REQUEST",
            "402, anthropic/error-billing.json, AUTH",
            "413, anthropic/error-request-too-large.json, BAD_REQUEST" })
    void providerErrorsAreClassified(int status, String body, ErrorClass expected) {
        stubMessages(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("retry-after", "7").withBody(fixture(body)));

        assertThatThrownBy(() -> complete(HELLO)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(expected);
            assertThat(e.error().providerStatus()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith("anthropic answered " + status + ": ")
                    .contains(json(fixture(body)).at("/error/message").asText());
            if (expected == ErrorClass.RATE_LIMITED || expected == ErrorClass.OVERLOADED) {
                assertThat(e.error().retryAfterMs()).isEqualTo(7000L);
            } else {
                assertThat(e.error().retryAfterMs()).isNull();
            }
        });
    }

    @Test
    void streamOfTextBecomesChunksEndingWithUsage() {
        stubMessages(sse("anthropic/stream-text.sse"));

        List<ObjectNode> chunks = stream(HELLO);

        assertThat(sentBody().path("stream").asBoolean()).isTrue();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("msg_01Sx4RkP7qWe2TnVb8HdLc3M");
            assertThat(chunk.path("model").asText()).isEqualTo("claude-haiku-4-5-20251001");
        });
        assertThat(chunks).hasSize(5);
        assertThat(chunks.get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(contentOf(chunks)).isEqualTo("Low tide is at 14:05.");
        assertThat(chunks.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(3).at("/choices/0/delta")).isEmpty();
        ObjectNode last = chunks.get(4);
        assertThat(last.path("choices")).isEmpty();
        assertThat(reparsed(last.path("usage"))).isEqualTo(json("""
                {"prompt_tokens":25,"completion_tokens":9,"total_tokens":34,
                 "prompt_tokens_details":{"cached_tokens":8,"cache_write_tokens":0,"cache_write_1h_tokens":0}}"""));
    }

    @Test
    void cacheWritesAreCountedWithTheirOneHourPart() {
        stubMessages(okJson(fixture("anthropic/message-cache-write.json")));

        ProviderResponse response = complete(HELLO);

        assertThat(TokenUsage.of(response.completion().get("usage")))
                .as("prompt tokens are input, cache reads and cache writes together, as OpenAI counts them")
                .isEqualTo(new TokenUsage(3012, 14, 0, 0, 3000, 2000));
    }

    @Test
    void streamedCacheWritesKeepTheSplitOfMessageStart() {
        stubMessages(sse("anthropic/stream-cache-write.sse"));

        List<ObjectNode> chunks = stream(HELLO);

        assertThat(TokenUsage.of(chunks.get(chunks.size() - 1).get("usage")))
                .isEqualTo(new TokenUsage(2060, 6, 0, 0, 2048, 2048));
    }

    @Test
    void streamedToolUseBecomesToolCallDeltas() {
        stubMessages(sse("anthropic/stream-tool-use.sse"));
        String body = """
                {"model":"anthropic/x","stream":true,"messages":[{"role":"user","content":"Low tide in Brest?"}],
                 "tools":[%s]}""".formatted(TIDE_TOOL);

        List<ObjectNode> chunks = stream(body);

        assertThat(contentOf(chunks)).isEqualTo("Checking the tide table.");
        List<JsonNode> calls = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta/tool_calls/0"))
                .filter(JsonNode::isObject)
                .collect(Collectors.toList());
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).isEqualTo(json("""
                {"index":0,"id":"toolu_01Kd9PzW4mQx7RtVn3JcHb6S","type":"function",
                 "function":{"name":"get_tide_table","arguments":""}}"""));
        assertThat(calls.subList(1, 3)).allSatisfy(call -> {
            assertThat(call.path("index").asInt()).isZero();
            assertThat(call.has("id")).isFalse();
        });
        String arguments = calls.stream().map(call -> call.at("/function/arguments").asText()).collect(Collectors.joining());
        assertThat(json(arguments)).isEqualTo(json("{\"port\":\"Brest\",\"days\":2}"));
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asInt()).isEqualTo(58);
    }

    @Test
    void streamCutMidWayIsANetworkError() {
        stubMessages(sse("anthropic/stream-cut.sse"));

        assertThatThrownBy(() -> stream(HELLO)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK));
    }

    @Test
    void errorEventFailsTheStreamWithItsClass() {
        stubMessages(sse("anthropic/stream-error.sse"));

        assertThatThrownBy(() -> stream(HELLO)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.OVERLOADED);
            assertThat(e.getMessage()).contains("Overloaded");
        });
    }

    @Test
    void errorStatusBeforeTheStreamIsClassified() {
        stubMessages(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("retry-after", "3").withBody(fixture("anthropic/error-rate-limit.json")));

        assertThatThrownBy(() -> stream(HELLO)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
            assertThat(e.error().retryAfterMs()).isEqualTo(3000L);
        });
    }

    @Test
    void modelsFollowThePages() {
        stub.server().stubFor(get(urlPathEqualTo("/v1/models")).withQueryParam("after_id", absent())
                .willReturn(okJson(fixture("anthropic/models-page-1.json"))));
        stub.server().stubFor(get(urlPathEqualTo("/v1/models"))
                .withQueryParam("after_id", equalTo("claude-haiku-4-5-20251001"))
                .willReturn(okJson(fixture("anthropic/models-page-2.json"))));

        List<ListedModel> models = client().models().await().atMost(WAIT);

        assertThat(models).extracting(ListedModel::id).containsExactly("claude-sonnet-4-5-20250929",
                "claude-haiku-4-5-20251001",
                "claude-opus-4-1-20250805");
        stub.server().verify(2, getRequestedFor(urlPathEqualTo("/v1/models"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01")));
    }

    @Test
    void missingKeyDisablesTheProvider() {
        var noKey = new AnthropicClient(new Endpoint("anthropic", "https://api.anthropic.com", null, WAIT, List.of()),
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        assertThat(noKey.disabledReason()).contains("switchboard.providers.anthropic.api-key");
        assertThat(client().disabledReason()).isNull();
        assertThat(client().provider()).isEqualTo("anthropic");
    }

    private AnthropicClient client() {
        return new AnthropicClient(new Endpoint("anthropic", stub.baseUrl(), KEY, Duration.ofSeconds(5), List.of()),
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private ProviderResponse complete(String body) {
        return client().complete(request(body)).await().atMost(WAIT);
    }

    private List<ObjectNode> stream(String body) {
        return client().stream(request(body)).collect().asList().await().atMost(WAIT);
    }

    private static CompletionRequest request(String body) {
        return ProviderTestSupport.request("anthropic", MODEL, body);
    }

    private void stubMessages(ResponseDefinitionBuilder response) {
        stub.server().stubFor(post(MESSAGES).willReturn(response));
    }

    private JsonNode sentBody() {
        return json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    /** Counts are written as longs and read back as ints; reading both from text compares values only. */
    private static JsonNode reparsed(JsonNode node) {
        return json(node.toString());
    }

    private static String contentOf(List<ObjectNode> chunks) {
        return chunks.stream().map(chunk -> chunk.at("/choices/0/delta/content").asText()).collect(Collectors.joining());
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(fixture(fixture));
    }
}
